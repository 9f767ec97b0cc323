import { MonthlyCost } from '@paved/plugin-environments-common';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `2d 4h`, `5h 12m`, `12m`: the two largest units, as a countdown reads best. */
export function formatTimeLeft(ms: number): string {
  if (ms < MINUTE) {
    return 'less than a minute';
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) {
    return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  }
  if (hours > 0) {
    return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  }
  return `${minutes}m`;
}

/** `$12/month`; cents only when the amount has them. */
export function formatMonthlyCost(cost: MonthlyCost): string {
  const amount = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: cost.currency,
    minimumFractionDigits: Number.isInteger(cost.amount) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cost.amount);
  return `${amount}/month`;
}

/** A date and time in the reader's locale, for tooltips next to relative times. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** `3h 5m ago`: how long ago something was seen, in the units of a countdown. */
export function formatTimeAgo(iso: string, now: number): string {
  return `${formatTimeLeft(Math.max(0, now - Date.parse(iso)))} ago`;
}

/**
 * `Dec 31, 2026` in the reader's locale, read in UTC: an exception ends at the end of
 * the UTC day its asker picked, which a local reading would move to the next day east
 * of Greenwich.
 */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}
