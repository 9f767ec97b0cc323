import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { ApprovalRequest } from '@paved/plugin-environments-common';
import { audited, severityFor } from '../audit/audited';
import { principalRef } from '../authorization/principalRef';
import { RequestRecord } from '../database/RequestStore';
import { notifyRequester } from '../notifications/notifyRequests';
import { readableRequest, requireApprover, toApi } from './approvalRequests';
import { UseCaseContext } from './context';

/** How a pending request ends, and who ends it. */
export type RequestEnd = {
  state: 'approved' | 'rejected' | 'withdrawn' | 'expired';
  by: string;
  comment?: string;
};

/**
 * Ends a pending request as one audited decision: approved, its operation is queued;
 * otherwise it ends with nothing provisioned. The requester is told either way.
 */
export async function endRequest(
  ctx: UseCaseContext,
  request: RequestRecord,
  end: RequestEnd,
): Promise<ApprovalRequest> {
  const approved = end.state === 'approved';
  return audited(
    ctx.auditor,
    {
      eventId: 'environment-request-decision',
      severityLevel: severityFor(request.tier),
      meta: {
        requestId: request.id,
        environmentId: request.environmentId,
        decision: end.state,
        by: end.by,
        ...(end.comment ? { comment: end.comment } : {}),
      },
    },
    async () => {
      if (request.state !== 'pending') throw alreadyDecided(request);
      const result = await ctx.lifecycle.decide({
        requestId: request.id,
        state: end.state,
        decidedBy: end.by,
        comment: end.comment,
        environmentId: request.environmentId,
        operationId: request.operationId,
        operationType: request.operationType === 'create' ? 'create' : 'update',
        newResources:
          approved && request.operationType !== 'create'
            ? request.resources
            : undefined,
        error: approved ? undefined : describeEnd(end),
        now: new Date(),
      });
      if (result === 'not-pending') throw alreadyDecided(request);
      if (result === 'environment-changed') {
        throw new ConflictError(
          `${request.environmentName} changed while the request waited; it can no longer be approved`,
        );
      }
      const decided = (await ctx.store.requests.get(request.id))!;
      await notifyRequester({ ...ctx, requests: ctx.store.requests }, decided);
      return { result: toApi(decided), meta: { state: decided.state } };
    },
  );
}

/** `POST /requests/{id}/decision`: an approver approves, or rejects with a comment. */
export async function decideRequest(
  ctx: UseCaseContext,
  id: string,
  body: { decision: 'approve' | 'reject'; comment?: string },
  credentials: BackstageCredentials,
): Promise<ApprovalRequest> {
  const comment = body.comment?.trim() || undefined;
  if (body.decision === 'reject' && !comment) {
    throw new InputError(
      'comment: is required to reject a request; the requester reads it as the reason',
    );
  }
  const request = await readableRequest(ctx, id, credentials);
  await requireApprover(ctx, request, credentials);
  return endRequest(ctx, request, {
    state: body.decision === 'approve' ? 'approved' : 'rejected',
    by: principalRef(credentials),
    comment,
  });
}

function alreadyDecided(request: RequestRecord) {
  return new ConflictError(
    `The request for ${request.environmentName} is already ${request.state}`,
  );
}

function describeEnd(end: RequestEnd): string {
  const what = {
    approved: 'Approved',
    rejected: 'Rejected',
    withdrawn: 'Withdrawn',
    expired: 'Expired',
  }[end.state];
  return `${what} by ${end.by}${end.comment ? `: ${end.comment}` : ''}`;
}
