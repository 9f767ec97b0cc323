import { screen } from '@testing-library/react';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { aGoal } from '../../__testUtils__/fakeGoals';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EnvironmentsTabs } from './EnvironmentsTabs';

describe('EnvironmentsTabs (fake API)', () => {
  it('shows the Goals tab at /environments/goals', async () => {
    const api = fakeEnvironmentsApi({ goals: [aGoal()] });
    await renderWithEnvironments(<EnvironmentsTabs />, {
      api,
      path: '/goals',
    });

    expect(
      await screen.findByRole('article', {
        name: 'Production environments meet their baseline',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Goals' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });
});
