import {
  Environment,
  Finding,
  FindingSeverity,
} from '@paved/plugin-environments-common';

/** Most serious first: the order of summaries and of "the highest". */
export const SEVERITIES: readonly FindingSeverity[] = [
  'blocking',
  'high',
  'low',
];

/** Open until the reconciler sees the rule met again. */
export function isOpen(finding: Finding): boolean {
  return !finding.resolvedAt;
}

/** How many open findings an environment has of each severity. */
export type SeverityCounts = Partial<Record<FindingSeverity, number>>;

/** The most serious severity with a count, undefined when there is none. */
export function highestSeverity(
  counts: SeverityCounts,
): FindingSeverity | undefined {
  return SEVERITIES.find(severity => (counts[severity] ?? 0) > 0);
}

/** `1 blocking, 2 high`: how many of each severity, most serious first. */
export function describeSeverities(counts: SeverityCounts): string {
  return SEVERITIES.filter(severity => (counts[severity] ?? 0) > 0)
    .map(severity => `${counts[severity]} ${severity}`)
    .join(', ');
}

/**
 * Whether the reconciler checks it against its baseline now: only live environments
 * are, so "conformant" means something only for them.
 */
export function isCheckedAgainstBaseline(environment: Environment): boolean {
  return environment.status === 'ready' || environment.status === 'degraded';
}

/** `1 open finding`, `2 open findings`. */
export function describeOpenCount(count: number): string {
  return `${count} open finding${count === 1 ? '' : 's'}`;
}
