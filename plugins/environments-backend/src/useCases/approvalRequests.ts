import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CreateEnvironmentResponse,
  environmentReadPermission,
  environmentRequestApprovePermission,
  MonthlyCost,
  ValidationMessage,
} from '@paved/plugin-environments-common';
import crypto from 'node:crypto';
import { ApprovalVerdict } from '../approvals/ApprovalPolicy';
import { principalRef } from '../authorization/principalRef';
import { NewResource } from '../database/EnvironmentsStore';
import { NewApprovalRequest, RequestRecord } from '../database/RequestStore';
import { notifyApprovers } from '../notifications/notifyRequests';
import { UseCaseContext } from './context';

/** The request a verdict asks for, with the plan it provisions once approved. */
export function newApprovalRequest(
  verdict: ApprovalVerdict,
  plan: {
    resources: NewResource[];
    estimatedMonthlyCost: MonthlyCost;
    warnings: ValidationMessage[];
  },
  requestedBy: string,
  reason: string | undefined,
  now: Date,
): NewApprovalRequest {
  return {
    id: crypto.randomUUID(),
    approvers: verdict.approvers,
    reasons: verdict.reasons,
    plan,
    reason,
    requestedBy,
    selfApproval: verdict.selfApproval,
    expiresAt: new Date(now.getTime() + verdict.expireAfterMs),
  };
}

/** The 202 of a request that waits: it says by whom and why, and tells them. */
export async function answerWaiting(
  ctx: UseCaseContext,
  answer: CreateEnvironmentResponse,
  requestId: string,
): Promise<CreateEnvironmentResponse> {
  const request = (await ctx.store.requests.get(requestId))!;
  await notifyApprovers(ctx, request);
  return {
    ...answer,
    approval: {
      requestId,
      approvers: request.approvers,
      reasons: request.reasons,
      expiresAt: request.expiresAt,
    },
  };
}

/** A request of an environment the caller may read; any other is, to them, not there. */
export async function readableRequest(
  ctx: UseCaseContext,
  id: string,
  credentials: BackstageCredentials,
): Promise<RequestRecord> {
  const request = await ctx.store.requests.get(id);
  if (
    !request ||
    !(await ctx.authorizer.isAllowed(
      environmentReadPermission,
      request.environmentId,
      credentials,
    ))
  ) {
    throw new NotFoundError(`No request with id ${id}`);
  }
  return request;
}

/** The groups the caller is a member of; none for a service. */
export async function memberships(
  ctx: UseCaseContext,
  credentials: BackstageCredentials,
): Promise<string[]> {
  if ((credentials.principal as { type: string }).type !== 'user') return [];
  const info = await ctx.userInfo.getUserInfo(credentials);
  return info.ownershipEntityRefs;
}

/**
 * Only a member of the request's approvers with the approve permission decides, and the
 * requester only where the policy allows approving one's own requests.
 */
export async function requireApprover(
  ctx: UseCaseContext,
  request: RequestRecord,
  credentials: BackstageCredentials,
): Promise<void> {
  const allowed = await ctx.authorizer.isAllowedBasic(
    environmentRequestApprovePermission,
    credentials,
  );
  const member = (await memberships(ctx, credentials)).includes(
    request.approvers,
  );
  if (!allowed || !member) {
    throw new NotAllowedError(
      `Only members of ${request.approvers} decide this request (permission ${environmentRequestApprovePermission.name})`,
    );
  }
  if (
    principalRef(credentials) === request.requestedBy &&
    !request.selfApproval
  ) {
    throw new NotAllowedError(
      `You made this request; the ${request.class} class does not let requesters approve their own (approval.selfApproval)`,
    );
  }
}

/** What the API shows of a request. */
export function toApi(request: RequestRecord) {
  const { selfApproval, ...shown } = request;
  return shown;
}
