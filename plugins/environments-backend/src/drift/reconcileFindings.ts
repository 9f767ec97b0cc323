import crypto from 'node:crypto';
import { FindingRecord, FindingStore } from '../database/EnvironmentsStore';
import { Violation } from './Violation';

/**
 * Brings the findings of these environments up to date with what a pass found broken:
 * new ones opened, changed ones updated, and those no longer seen resolved, unless the pass
 * did not look at their resource (`looked`).
 */
export async function reconcileFindings(
  findings: FindingStore,
  environmentIds: string[],
  violations: Violation[],
  looked: (resourceId: string) => boolean,
  now: Date,
): Promise<{
  opened: FindingRecord[];
  resolved: number;
  open: FindingRecord[];
}> {
  const existing = await findings.listOpen(environmentIds);
  const byKey = new Map(existing.map(f => [`${f.environmentId}|${f.key}`, f]));
  const seen = new Set<string>();
  const toOpen: FindingRecord[] = [];
  const toUpdate: FindingRecord[] = [];

  for (const v of violations) {
    const key = `${v.resourceId ?? '-'}|${v.rule}|${v.field}`;
    const before = byKey.get(`${v.environmentId}|${key}`);
    if (!before) {
      toOpen.push({
        id: crypto.randomUUID(),
        environmentId: v.environmentId,
        resourceId: v.resourceId,
        key,
        rule: v.rule,
        severity: v.severity,
        field: v.field,
        message: v.message,
        link: v.link,
        expected: v.expected,
        observed: v.observed,
      });
      continue;
    }
    seen.add(before.id);
    if (
      before.observed !== v.observed ||
      before.expected !== v.expected ||
      before.severity !== v.severity ||
      before.message !== v.message
    ) {
      Object.assign(before, {
        observed: v.observed,
        expected: v.expected,
        severity: v.severity,
        message: v.message,
        link: v.link,
      });
      toUpdate.push(before);
    }
  }

  const fixed = existing.filter(
    f =>
      !seen.has(f.id) && (f.resourceId === undefined || looked(f.resourceId)),
  );
  const opened = await findings.recordFindings({
    open: toOpen,
    update: toUpdate,
    resolveIds: fixed.map(f => f.id),
    now,
  });
  // Still open: what was seen again, what is new, and what this pass could not look at.
  const closed = new Set(fixed.map(f => f.id));
  return {
    opened,
    resolved: fixed.length,
    open: [...existing.filter(f => !closed.has(f.id)), ...opened],
  };
}
