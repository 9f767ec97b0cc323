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

/** The most serious severity among the findings, undefined when there are none. */
export function highestSeverity(
  findings: Finding[],
): FindingSeverity | undefined {
  return SEVERITIES.find(severity =>
    findings.some(finding => finding.severity === severity),
  );
}

/** `1 blocking, 2 high`: how many of each severity, most serious first. */
export function describeSeverities(findings: Finding[]): string {
  return SEVERITIES.map(severity => ({
    severity,
    count: findings.filter(finding => finding.severity === severity).length,
  }))
    .filter(({ count }) => count > 0)
    .map(({ severity, count }) => `${count} ${severity}`)
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
