import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { checkoutSystem } from '../../__testUtils__/fixtures';
import { EnvironmentsEmptyState } from './EnvironmentsEmptyState';

describe('EnvironmentsEmptyState', () => {
  it('on a system page, offers the template with the owner filled in', async () => {
    await renderInTestApp(<EnvironmentsEmptyState entity={checkoutSystem} />);

    expect(
      screen.getByText(/None of the components of checkout has an environment/),
    ).toBeInTheDocument();
    const href = screen
      .getByRole('link', { name: 'Create an ephemeral environment' })
      .getAttribute('href')!;
    expect(
      JSON.parse(new URL(href, 'http://x').searchParams.get('formData')!),
    ).toEqual({ owner: 'group:default/checkout-team' });
    expect(
      screen.getByRole('link', { name: 'When to use one' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/platform-guidelines/golden-paths/#paved-ephemeral-environment',
    );
  });
});
