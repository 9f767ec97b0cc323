import { BaselineException, Finding } from '@paved/plugin-environments-common';

/**
 * Whether a developer may ask to accept this finding for a while: only rules of
 * severity `high` get exceptions (a `blocking` rule never does), and only while the
 * finding is open and no exception accepts it yet.
 */
export function mayAskException(finding: Finding): boolean {
  return (
    finding.severity === 'high' && !finding.resolvedAt && !finding.exception
  );
}

/** The exception among `exceptions` that covers the finding: same rule, same resource. */
export function exceptionOf(
  finding: Finding,
  exceptions: BaselineException[],
): BaselineException | undefined {
  return exceptions.find(
    e =>
      e.environmentId === finding.environmentId &&
      e.rule === finding.rule &&
      (e.resourceId ?? '') === (finding.resourceId ?? ''),
  );
}

/**
 * The end of the UTC day a date input holds (`2026-12-31`), as the API takes it: an
 * exception lasts through the day its asker picked.
 */
export function endOfDay(date: string): string {
  return `${date}T23:59:59Z`;
}

/** Whether a date input holds a whole date (a browser without a date picker gives text). */
export function isDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !isNaN(Date.parse(endOfDay(date)));
}
