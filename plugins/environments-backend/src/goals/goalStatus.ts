import { GoalStatus } from '@paved/plugin-environments-common';

const DAY_MS = 24 * 3600_000;

/** The UTC day of a moment, YYYY-MM-DD. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** The day `days` before (or after, negative) the given one. */
export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS));
}

export function meets(
  value: number,
  target: number,
  direction: 'atLeast' | 'atMost',
): boolean {
  return direction === 'atLeast' ? value >= target : value <= target;
}

/** Days over which the trend that decides `on-track` is drawn. */
export const TREND_DAYS = 30;

/**
 * Where a goal stands: `reached` when its value meets the target; `missed` once the due
 * day has ended unmet; otherwise `on-track` when the least-squares line through its last
 * 30 days of values (today's included) reaches the target by the end of the due day,
 * `behind` when it does not or there are fewer than two days to draw it from.
 */
export function goalStatus(input: {
  value: number | null;
  target: number;
  direction: 'atLeast' | 'atMost';
  due: string;
  now: Date;
  /** Earlier days' values, any order; today's value is `value`. */
  trend: Array<{ day: string; value: number | null }>;
}): GoalStatus {
  const { value, target, direction, now } = input;
  if (value === null) return 'no-data';
  if (meets(value, target, direction)) return 'reached';
  const dueEnd = Date.parse(`${input.due}T00:00:00.000Z`) + DAY_MS;
  if (now.getTime() >= dueEnd) return 'missed';
  const today = dayOf(now);
  const since = addDays(today, -TREND_DAYS);
  const points = [
    ...input.trend.filter(
      p => p.value !== null && p.day >= since && p.day < today,
    ),
    { day: today, value },
  ].map(p => ({
    x: (Date.parse(`${p.day}T00:00:00.000Z`) - now.getTime()) / DAY_MS,
    y: p.value!,
  }));
  if (points.length < 2) return 'behind';
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  const spread = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const slope =
    points.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0) / spread;
  const daysLeft = (dueEnd - now.getTime()) / DAY_MS;
  return meets(meanY + slope * (daysLeft - meanX), target, direction)
    ? 'on-track'
    : 'behind';
}

export const isOnTrack = (status: GoalStatus) =>
  status === 'reached' || status === 'on-track';
