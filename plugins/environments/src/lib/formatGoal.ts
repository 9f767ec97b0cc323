import {
  formatGoalValue,
  GOAL_METRICS,
  Goal,
  GoalScope,
  GoalStatus,
} from '@paved/plugin-environments-common';

/** What formatting a goal's number needs: its unit, and the currency of a cost. */
export type GoalUnitOf = Pick<Goal, 'unit' | 'currency'>;

// One formatter for the page and the notices, so both say a number the same way.
export { formatGoalValue };

/** `at least 95%`, `at most 15 min`: the side of the target the goal wants. */
export function describeTarget(
  goal: Pick<Goal, 'target' | 'unit' | 'currency'>,
) {
  const side = goal.target.direction === 'atLeast' ? 'at least' : 'at most';
  return `${side} ${formatGoalValue(goal.target.value, goal)}`;
}

/** What the goal's number is, from the metric catalogue: its statistic's title. */
export function statisticTitle(
  goal: Pick<Goal, 'metric' | 'statistic'>,
  statistic = goal.statistic,
): string {
  const statistics: Record<string, { title: string }> =
    GOAL_METRICS[goal.metric].statistics;
  return statistics[statistic]?.title ?? statistic;
}

/**
 * Any statistic of the goal's metric, in its own unit: a goal on lead-time hours also
 * yields a share without retries and a count of requests.
 */
export function formatStatistic(
  goal: Pick<Goal, 'metric' | 'statistic' | 'unit' | 'currency'>,
  statistic: string,
  value: number | null,
): string {
  const statistics: Record<string, { unit: Goal['unit'] }> =
    GOAL_METRICS[goal.metric].statistics;
  const unit = statistics[statistic]?.unit ?? goal.unit;
  return formatGoalValue(value, { unit, currency: goal.currency });
}

/** How each status reads on a chip: in words, so colour is never the only signal. */
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  reached: 'Reached',
  'on-track': 'On track',
  behind: 'Off track',
  missed: 'Missed',
  'no-data': 'No data',
};

/** `checkout` of `system:default/checkout`: the name a reader knows an entity by. */
const nameOf = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** `the environments of system checkout`: which environments a goal counts. */
export function describeScope(scope: GoalScope): string {
  const parts = [
    scope.tier && `in the ${scope.tier} tier`,
    scope.class && `of class ${scope.class}`,
    scope.owner && `owned by ${nameOf(scope.owner)}`,
    scope.system && `of system ${nameOf(scope.system)}`,
  ].filter(Boolean);
  return parts.length
    ? `the environments ${parts.join(', ')}`
    : 'every environment';
}
