import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { aFinding } from '../../__testUtils__/fixtures';
import { FindingsList } from './FindingsList';

describe('FindingsList', () => {
  it('names each finding’s environment when asked, for a list that spans several', async () => {
    await renderInTestApp(
      <FindingsList
        aria-label="Open findings"
        showEnvironment
        findings={[
          aFinding({ environmentName: 'prod', resourceName: 'orders' }),
          aFinding({
            environmentName: 'staging',
            resourceId: undefined,
            resourceName: undefined,
            rule: 'environment.owner-is-group',
            severity: 'blocking',
            message: 'The owner must be a group, not a person',
            expected: 'a group',
            observed: 'user:default/jane',
          }),
        ]}
      />,
    );

    const [first, second] = within(
      screen.getByRole('list', { name: 'Open findings' }),
    ).getAllByRole('listitem');
    expect(first).toHaveTextContent('on prod / orders');
    expect(second).toHaveTextContent('Blocking');
    expect(second).toHaveTextContent('on staging');
    expect(second).toHaveTextContent('user:default/jane');
  });

  it('keeps a link that is not a guideline page as the backend sent it', async () => {
    await renderInTestApp(
      <FindingsList
        findings={[
          aFinding({
            rule: 'acme.custom',
            link: '/docs/default/component/acme-rules/#acme.custom',
          }),
        ]}
      />,
    );

    expect(
      screen.getByRole('link', { name: 'About the rule acme.custom' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/acme-rules/#acme.custom',
    );
  });
});
