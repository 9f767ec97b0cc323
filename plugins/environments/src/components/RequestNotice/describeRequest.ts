import { ApprovalRequest } from '@paved/plugin-environments-common';

/** "The request for production-db", or "An update adding postgres-database/orders". */
export function describeRequest(request: ApprovalRequest): string {
  if (request.operationType === 'create') {
    return `The request for ${request.environmentName}`;
  }
  const added = request.resources.map(r => `${r.type}/${r.name}`).join(', ');
  return added
    ? `An update of ${request.environmentName} adding ${added}`
    : `An update of ${request.environmentName}`;
}

const DECIDED_RECENTLY_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Requests that ended with nothing done, in the last week: rejected (with the
 * approver's comment) or expired. A rejected create leaves no environment on the card,
 * so this is where its requester reads why.
 */
export function recentlyRefused(
  requests: ApprovalRequest[],
  now: number,
): ApprovalRequest[] {
  return requests.filter(
    r =>
      (r.state === 'rejected' || r.state === 'expired') &&
      r.decidedAt !== undefined &&
      now - Date.parse(r.decidedAt) < DECIDED_RECENTLY_MS,
  );
}
