import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  aFinding,
  aProductionEnvironment,
  anEnvironment,
} from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { aBudgetGoal, aGoal } from '../../__testUtils__/fakeGoals';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EntityTeamEnvironmentsCard } from './EntityTeamEnvironmentsCard';

const checkoutTeam = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const OWNER = 'group:default/checkout-team';

function checkoutEnvironments() {
  const prod = aProductionEnvironment({ owner: OWNER });
  const pr1 = anEnvironment({ name: 'pr-1' });
  return {
    prod,
    environments: [
      prod,
      anEnvironment({
        name: 'staging',
        class: 'staging',
        tier: 'staging',
        lifecycle: 'static',
        estimatedMonthlyCost: { amount: 60, currency: 'USD' },
      }),
      pr1,
      anEnvironment({ name: 'pr-2' }),
      // Another team's: not on this card.
      anEnvironment({ name: 'pr-9', owner: 'group:default/storefront-team' }),
    ],
    findings: [
      aFinding({ environmentId: prod.id, environmentName: 'prod' }),
      aFinding({ environmentId: pr1.id, environmentName: 'pr-1' }),
    ],
  };
}

const goals = () => [
  aBudgetGoal(),
  // The platform team's, set for checkout's environments.
  aGoal({
    id: 'checkout-previews',
    title: "Checkout's previews meet their baseline",
    scope: { owner: OWNER, tier: 'preview' },
  }),
  // The platform team's alone: not checkout's.
  aGoal(),
];

describe('EntityTeamEnvironmentsCard (fake API)', () => {
  beforeEach(async () => {
    const { environments, findings } = checkoutEnvironments();
    const api = fakeEnvironmentsApi({ environments, findings, goals: goals() });
    await renderWithEnvironments(<EntityTeamEnvironmentsCard />, {
      api,
      entity: checkoutTeam,
    });
    await screen.findByText('Environments and goals');
    await screen.findByRole('list', { name: 'Environments by tier' });
  });

  it("counts the team's environments by tier, each linking to the Environments page filtered to them", () => {
    expect(
      screen.getByRole('link', { name: '4 environments' }),
    ).toHaveAttribute(
      'href',
      `/environments?owner=${encodeURIComponent(OWNER)}`,
    );
    const tiers = within(
      screen.getByRole('list', { name: 'Environments by tier' }),
    );
    expect(
      tiers.getByRole('link', { name: '1 production environment' }),
    ).toHaveAttribute(
      'href',
      `/environments?owner=${encodeURIComponent(OWNER)}&tier=production`,
    );
    expect(
      tiers.getByRole('link', { name: '1 staging environment' }),
    ).toBeInTheDocument();
    expect(
      tiers.getByRole('link', { name: '2 preview environments' }),
    ).toBeInTheDocument();
    expect(tiers.queryByText('development')).not.toBeInTheDocument();
  });

  it('counts the open findings and sums the cost, with the budget it is measured against', () => {
    expect(
      screen.getByRole('link', { name: '2 open baseline findings' }),
    ).toHaveAttribute(
      'href',
      `/environments?owner=${encodeURIComponent(OWNER)}&findings=open`,
    );
    // prod 220 + staging 60 + two previews at 4.
    expect(screen.getByText('$288/month estimated')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Budget: $540 of $600 a month for the environments of system checkout',
      ),
    ).toBeInTheDocument();
  });

  it('lists the goals the team owns or is the scope of, with trend and state, linking to each on the Goals page', () => {
    const list = within(screen.getByRole('list', { name: 'Goals' }));
    const budget = within(
      list.getByRole('listitem', { name: /within 600 USD a month/ }),
    );
    expect(budget.getByText('Reached')).toBeInTheDocument();
    expect(budget.getByText('$540, target at most $600')).toBeInTheDocument();
    expect(
      budget.getByRole('img', { name: /\$700 on .*\$540 on/ }),
    ).toBeInTheDocument();
    expect(
      budget.getByRole('link', { name: /within 600 USD a month/ }),
    ).toHaveAttribute('href', '/environments/goals?goal=checkout-budget');

    const previews = within(
      list.getByRole('listitem', {
        name: "Checkout's previews meet their baseline",
      }),
    );
    expect(previews.getByText('Off track')).toBeInTheDocument();
    expect(
      previews.getByText(/set for the team by another group/),
    ).toBeInTheDocument();

    expect(
      list.queryByText('Production environments meet their baseline'),
    ).not.toBeInTheDocument();
  });
});

describe('EntityTeamEnvironmentsCard for a team with nothing yet (fake API)', () => {
  it('says so', async () => {
    const api = fakeEnvironmentsApi({ goals: [aGoal()] });
    await renderWithEnvironments(<EntityTeamEnvironmentsCard />, {
      api,
      entity: checkoutTeam,
    });

    expect(
      await screen.findByText('The team owns no environment yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No goal is owned by this team/),
    ).toBeInTheDocument();
  });
});

describe('EntityTeamEnvironmentsCard when the backend fails (fake API)', () => {
  it('names what failed and tries again', async () => {
    const { environments } = checkoutEnvironments();
    const api = fakeEnvironmentsApi({ environments, goals: goals() });
    api.listGoals.mockRejectedValueOnce(
      await responseError(503, 'goals are being migrated'),
    );
    await renderWithEnvironments(<EntityTeamEnvironmentsCard />, {
      api,
      entity: checkoutTeam,
    });

    expect(
      await screen.findByText(/Could not load the team's goals/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('list', { name: 'Goals' }),
    ).toBeInTheDocument();
  });
});
