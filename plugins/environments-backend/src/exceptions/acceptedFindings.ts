import { AcceptedKey } from '../database/ExceptionStore';

/** What an approved exception covers: a rule on one environment and resource. */
interface Covered {
  environmentId: string;
  rule: string;
  resourceId?: string;
}

const keyOf = (c: Covered) =>
  `${c.environmentId}|${c.rule}|${c.resourceId ?? ''}`;

/** Whether a finding or violation is accepted by one of these approved exceptions. */
export function acceptedBy(approved: AcceptedKey[]): (c: Covered) => boolean {
  const keys = new Set(approved.map(keyOf));
  return c => keys.has(keyOf(c));
}
