import {
  GOAL_METRICS,
  Goal,
  GoalScope,
  GoalStatus,
} from '@paved/plugin-environments-common';

/** What formatting a goal's number needs: its unit, and the currency of a cost. */
export type GoalUnitOf = Pick<Goal, 'unit' | 'currency'>;

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/**
 * A goal's number as its reader thinks of it: `97.5%`, `15 min` or `6.2 h`, `$540`,
 * `3`; `no data` while there is nothing to measure.
 */
export function formatGoalValue(
  value: number | null | undefined,
  goal: GoalUnitOf,
): string {
  if (value === null || value === undefined) return 'no data';
  switch (goal.unit) {
    case 'percent':
      return `${round(value, 1)}%`;
    case 'hours':
      // Lead times of minutes read badly as 0.25 h.
      if (value < 1) return `${Math.round(value * 60)} min`;
      if (value < 48) return `${round(value, 1)} h`;
      return `${round(value / 24, 1)} days`;
    case 'currency':
      return new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency: goal.currency ?? 'USD',
        maximumFractionDigits: 0,
      }).format(value);
    default:
      return String(round(value, 2));
  }
}

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
