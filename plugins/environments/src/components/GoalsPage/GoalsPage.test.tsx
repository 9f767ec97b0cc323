import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Goal, GoalDetail } from '@paved/plugin-environments-common';
import { aFinding, anEnvironment } from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import {
  aBudgetGoal,
  aGoal,
  aGoalDetail,
  aHistory,
} from '../../__testUtils__/fakeGoals';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { GoalsPage } from './GoalsPage';

const leadTime = (): Goal =>
  aGoal({
    id: 'dev-ready-in-minutes',
    title: 'A development environment is ready within 15 minutes',
    metric: 'provisioning-lead-time',
    statistic: 'p90',
    unit: 'hours',
    scope: { class: 'development' },
    windowDays: 30,
    target: { value: 0.25, direction: 'atMost' },
    due: '2027-02-28',
    value: 0.2,
    statistics: { p50: 0.1, p90: 0.2, noRetryShare: 87.5, requested: 16 },
    status: 'on-track',
    onTrack: true,
    history: aHistory({ from: 0.5, to: 0.2, target: 0.25, status: 'on-track' }),
  });

/** prod of checkout-api holds the conformance goal back with one open finding. */
function conformanceDetail(): { detail: GoalDetail; environmentId: string } {
  const environmentId = 'env-prod-1';
  return {
    environmentId,
    detail: aGoalDetail(aGoal(), {
      breakdown: {
        byOwner: [
          { key: 'group:default/checkout-team', value: 75, count: 4 },
          { key: 'group:default/platform-team', value: 100, count: 4 },
        ],
        byClass: [{ key: 'production', value: 87.5, count: 8 }],
      },
      holdingBack: [
        {
          environmentId,
          name: 'prod',
          entityRef: 'component:default/checkout-api',
          owner: 'group:default/checkout-team',
          class: 'production',
          tier: 'production',
          reason: '1 open high finding',
          findingIds: ['finding-1'],
        },
        {
          name: 'prod-eu',
          entityRef: 'component:default/payments-worker',
          owner: 'group:default/checkout-team',
          class: 'production',
          tier: 'production',
          reason: 'Refused by a blocking rule',
        },
      ],
    }),
  };
}

/** What a goal's card says under one label: Now, Target, Due or Owner. */
const fact = (card: ReturnType<typeof within>, label: string) =>
  card.getByText(label, { selector: 'dt' }).parentElement!;

describe('GoalsPage (fake API)', () => {
  it('lists every goal with its value, target, due date, state and trend', async () => {
    const api = fakeEnvironmentsApi({
      goals: [aGoal(), leadTime(), aBudgetGoal()],
    });
    await renderWithEnvironments(<GoalsPage />, { api });

    const conformance = within(
      await screen.findByRole('article', {
        name: 'Production environments meet their baseline',
      }),
    );
    expect(fact(conformance, 'Now')).toHaveTextContent('92.5%');
    expect(fact(conformance, 'Target')).toHaveTextContent('at least 100%');
    expect(fact(conformance, 'Due')).toHaveTextContent('Mar 31, 2027');
    expect(conformance.getByText('Off track')).toBeInTheDocument();
    expect(
      conformance.getByRole('img', {
        name: /80% on .*, 92.5% on .*; target 100%/,
      }),
    ).toBeInTheDocument();

    const lead = within(
      screen.getByRole('article', { name: /ready within 15 minutes/ }),
    );
    expect(fact(lead, 'Now')).toHaveTextContent('12 min');
    expect(fact(lead, 'Target')).toHaveTextContent('at most 15 min');
    expect(lead.getByText('On track')).toBeInTheDocument();
    expect(
      lead.getByText(
        '90th percentile hours from request to ready, last 30 days',
      ),
    ).toBeInTheDocument();

    const budget = within(
      screen.getByRole('article', { name: /within 600 USD a month/ }),
    );
    expect(fact(budget, 'Now')).toHaveTextContent('$540');
    expect(fact(budget, 'Target')).toHaveTextContent('at most $600');
    expect(budget.getByText('Reached')).toBeInTheDocument();
  });

  it('opens a goal from its title, with its breakdown and what holds it back', async () => {
    const { detail } = conformanceDetail();
    const api = fakeEnvironmentsApi({ goals: [detail, leadTime()] });
    await renderWithEnvironments(<GoalsPage />, { api });

    await userEvent.click(
      await screen.findByRole('link', {
        name: 'Production environments meet their baseline',
      }),
    );

    expect(
      await screen.findByRole('heading', {
        name: 'Production environments meet their baseline',
      }),
    ).toBeInTheDocument();
    expect(api.getGoal).toHaveBeenCalledWith('production-baseline');
    const perClass = within(screen.getByRole('region', { name: 'Per class' }));
    expect(perClass.getByText('87.5%')).toBeInTheDocument();
  });
});

describe('GoalsPage example history and downloads (fake API)', () => {
  it('says which days of the chart are example data, not measured', async () => {
    const history = aHistory({ from: 80, to: 92.5, target: 100 }).map(
      (s, i) => ({ ...s, example: i < 60 }),
    );
    const api = fakeEnvironmentsApi({ goals: [aGoal({ history })] });
    await renderWithEnvironments(<GoalsPage />, { api });

    const goal = within(
      await screen.findByRole('article', {
        name: 'Production environments meet their baseline',
      }),
    );
    expect(
      goal.getByText(/60 days of example history, made up/),
    ).toBeInTheDocument();
    expect(
      goal.getByRole('img', { name: /60 days are example data, not measured/ }),
    ).toBeInTheDocument();
  });

  it("saves a goal's history as CSV under the server's file name", async () => {
    const saved: string[] = [];
    URL.createObjectURL = jest.fn(() => 'blob:history');
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        saved.push(this.download);
      });
    const api = fakeEnvironmentsApi({ goals: [aGoal()] });
    await renderWithEnvironments(<GoalsPage />, { api });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Download the CSV history of Production environments meet their baseline',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Download the JSON history of Production environments meet their baseline',
      }),
    );

    expect(saved).toEqual([
      'production-baseline-history.csv',
      'production-baseline-history.json',
    ]);
    expect(api.getGoalHistoryCsv).toHaveBeenCalledWith('production-baseline');
    click.mockRestore();
  });
});

describe('GoalsPage with ?goal= (fake API)', () => {
  it('opens that goal: per team and per class, and the environments holding it back linked to their pages', async () => {
    const { detail } = conformanceDetail();
    const api = fakeEnvironmentsApi({ goals: [detail] });
    await renderWithEnvironments(<GoalsPage />, {
      api,
      path: '/environments/goals?goal=production-baseline',
    });

    expect(
      await screen.findByRole('heading', {
        name: 'Production environments meet their baseline',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Live environments with no open finding of severity high or blocking: 92.5%',
      ),
    ).toBeInTheDocument();

    const perTeam = within(screen.getByRole('region', { name: 'Per team' }));
    const checkout = perTeam.getByRole('row', { name: /checkout-team/ });
    expect(within(checkout).getByText('75%')).toBeInTheDocument();
    expect(within(checkout).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout-team',
    );

    const holders = within(
      screen.getByRole('region', { name: 'Holding it back' }),
    );
    const prod = holders.getByRole('row', { name: /1 open high finding/ });
    expect(within(prod).getByRole('link', { name: 'prod' })).toHaveAttribute(
      'href',
      '/catalog/default/environment/checkout-api-prod',
    );
    expect(
      within(prod).getByRole('link', { name: /checkout-api/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api');
    // A refused create made no environment: named, with nothing to link to.
    const refused = holders.getByRole('row', { name: /prod-eu/ });
    expect(refused).toHaveTextContent('prod-eu (not created)');
    expect(within(refused).getAllByRole('link')).toHaveLength(2);
  });

  it('opens the findings of an environment that holds it back', async () => {
    const { detail, environmentId } = conformanceDetail();
    const prod = anEnvironment({ id: environmentId, name: 'prod' });
    const api = fakeEnvironmentsApi({
      goals: [detail],
      environments: [prod],
      findings: [aFinding({ environmentId, environmentName: 'prod' })],
    });
    await renderWithEnvironments(<GoalsPage />, {
      api,
      path: '/environments/goals?goal=production-baseline',
    });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Findings of prod: 1 finding',
      }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Baseline findings of prod' }),
    );
    const open = await dialog.findByRole('list', { name: 'Open findings' });
    expect(within(open).getAllByRole('listitem')).toHaveLength(1);
    expect(open).toHaveTextContent('postgres.connection-limit');
  });

  it('calls the list of a reached goal what weighs on it, not what holds it back', async () => {
    const budget = aGoalDetail(aBudgetGoal(), {
      holdingBack: [
        {
          environmentId: 'env-prod-2',
          name: 'prod',
          entityRef: 'component:default/checkout-api',
          owner: 'group:default/checkout-team',
          class: 'production',
          tier: 'production',
          reason: 'estimated 220 USD a month',
          value: 220,
        },
      ],
    });
    const api = fakeEnvironmentsApi({ goals: [budget] });
    await renderWithEnvironments(<GoalsPage />, {
      api,
      path: '/environments/goals?goal=checkout-budget',
    });

    const weighs = within(
      await screen.findByRole('region', { name: 'What weighs on it most' }),
    );
    expect(weighs.getByRole('row', { name: /prod/ })).toHaveTextContent('$220');
    expect(
      screen.queryByRole('region', { name: 'Holding it back' }),
    ).not.toBeInTheDocument();
  });

  it('names the failure when the goal does not exist', async () => {
    const api = fakeEnvironmentsApi({ goals: [aGoal()] });
    await renderWithEnvironments(<GoalsPage />, {
      api,
      path: '/environments/goals?goal=nope',
    });

    expect(
      await screen.findByText(/Could not load the goal nope/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/404 Error: No goal nope/)[0],
    ).toBeInTheDocument();
  });
});

describe('GoalsPage when the backend fails (fake API)', () => {
  it('says what could not be loaded and why, and tries again', async () => {
    const api = fakeEnvironmentsApi({ goals: [aGoal()] });
    api.listGoals.mockRejectedValueOnce(
      await responseError(500, 'the goals store is down'),
    );
    await renderWithEnvironments(<GoalsPage />, { api });

    expect(
      await screen.findByText(/Could not load the goals/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/the goals store is down/)[0],
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('article', {
        name: 'Production environments meet their baseline',
      }),
    ).toBeInTheDocument();
  });
});
