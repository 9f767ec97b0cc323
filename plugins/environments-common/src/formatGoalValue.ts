import { GoalUnit } from './goalMetrics';

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/**
 * A goal's number as its reader thinks of it: `97.5%`, `40 s`, `15 min` or `6.2 h`,
 * `$540`, `3`; `no data` while there is nothing to measure. Shared by the Goals page and
 * the notices and digests, so both say the same number the same way.
 *
 * @public
 */
export function formatGoalValue(
  value: number | null | undefined,
  goal: { unit: GoalUnit; currency?: string },
): string {
  if (value === null || value === undefined) return 'no data';
  switch (goal.unit) {
    case 'percent':
      return `${round(value, 1)}%`;
    case 'hours':
      // Lead times of minutes read badly as 0.25 h, and of seconds as 0 min.
      if (value > 0 && value < 1 / 60) return `${Math.round(value * 3600)} s`;
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
