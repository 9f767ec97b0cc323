import {
  Goal,
  GoalDetail,
  GoalHistory,
  GoalSnapshot,
  ListGoalsRequest,
  normalizeEntityRef,
} from '@paved/plugin-environments-common';
import { responseError } from './responseError';

const DAY = 24 * 60 * 60 * 1000;

/** `days` daily snapshots ending today, moving in a straight line from `from` to `to`. */
export function aHistory(options: {
  days?: number;
  from: number;
  to: number;
  target: number;
  status?: GoalSnapshot['status'];
}): GoalSnapshot[] {
  const { days = 90, from, to, target, status = 'behind' } = options;
  const today = Date.now();
  return Array.from({ length: days }, (_, i) => ({
    day: new Date(today - (days - 1 - i) * DAY).toISOString().slice(0, 10),
    value: days === 1 ? to : from + ((to - from) * i) / (days - 1),
    target,
    status,
  }));
}

/**
 * The platform team's goal that production meets its baseline: 92.5% now against a
 * target of 100%, off track, with 90 days of history rising from 80%.
 */
export function aGoal(overrides: Partial<Goal> = {}): Goal {
  const target = overrides.target?.value ?? 100;
  return {
    id: 'production-baseline',
    title: 'Production environments meet their baseline',
    owner: 'group:default/platform-team',
    metric: 'baseline-conformance',
    statistic: 'conformance',
    unit: 'percent',
    scope: { tier: 'production' },
    target: { value: 100, direction: 'atLeast' },
    due: '2027-03-31',
    value: 92.5,
    statistics: { conformance: 92.5, live: 8 },
    status: 'behind',
    onTrack: false,
    history: aHistory({ from: 80, to: 92.5, target }),
    computedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Checkout's budget: $540 a month of $600, reached. */
export function aBudgetGoal(overrides: Partial<Goal> = {}): Goal {
  return aGoal({
    id: 'checkout-budget',
    title: "Checkout's environments stay within 600 USD a month",
    owner: 'group:default/checkout-team',
    metric: 'cost-against-budget',
    statistic: 'monthlyCost',
    unit: 'currency',
    currency: 'USD',
    scope: { system: 'system:default/checkout' },
    target: { value: 600, direction: 'atMost' },
    due: '2027-06-30',
    value: 540,
    statistics: { monthlyCost: 540, live: 6 },
    status: 'reached',
    onTrack: true,
    history: aHistory({ from: 700, to: 540, target: 600, status: 'reached' }),
    ...overrides,
  });
}

/** A goal's detail, by default with nothing broken down and nothing holding it back. */
export function aGoalDetail(
  goal: Goal = aGoal(),
  overrides: Partial<Pick<GoalDetail, 'breakdown' | 'holdingBack'>> = {},
): GoalDetail {
  return {
    ...goal,
    breakdown: { byOwner: [], byClass: [] },
    holdingBack: [],
    ...overrides,
  };
}

/**
 * The goal methods of the fake API, in memory: listing filters by the group that owns
 * a goal or is its scope, as the server does; an unknown goal is a 404.
 */
export function fakeGoals(options: { goals: Array<Goal | GoalDetail> }) {
  const { goals } = options;
  const summary = (goal: Goal | GoalDetail): Goal => {
    const { breakdown, holdingBack, ...rest } = goal as GoalDetail;
    return rest;
  };
  return {
    listGoals: async (request: ListGoalsRequest = {}) => {
      const group = request.group && normalizeEntityRef(request.group);
      return goals
        .filter(
          g =>
            !group ||
            normalizeEntityRef(g.owner) === group ||
            (g.scope.owner && normalizeEntityRef(g.scope.owner) === group),
        )
        .map(summary);
    },
    getGoal: async (id: string) => {
      const goal = goals.find(g => g.id === id);
      if (!goal) throw await responseError(404, `No goal ${id}`);
      const { breakdown, holdingBack } = goal as Partial<GoalDetail>;
      return aGoalDetail(summary(goal), {
        ...(breakdown && { breakdown }),
        ...(holdingBack && { holdingBack }),
      });
    },
    getGoalHistory: async (id: string): Promise<GoalHistory> => {
      const goal = goals.find(g => g.id === id);
      if (!goal) throw await responseError(404, `No goal ${id}`);
      return {
        goalId: goal.id,
        title: goal.title,
        metric: goal.metric,
        statistic: goal.statistic,
        unit: goal.unit,
        currency: goal.currency,
        items: goal.history.map(s => ({
          ...s,
          direction: goal.target.direction,
          onTrack: s.status === 'reached' || s.status === 'on-track',
          statistics: { [goal.statistic]: s.value },
        })),
      };
    },
    getGoalHistoryCsv: async (id: string) => {
      const goal = goals.find(g => g.id === id);
      if (!goal) throw await responseError(404, `No goal ${id}`);
      return [
        'day,value,target,status',
        ...goal.history.map(
          s => `${s.day},${s.value ?? ''},${s.target},${s.status}`,
        ),
      ].join('\r\n');
    },
    snapshotGoals: async () => ({
      day: new Date().toISOString().slice(0, 10),
      items: goals.map(g => ({
        goalId: g.id,
        value: g.value,
        target: g.target.value,
        status: g.status,
      })),
    }),
  };
}
