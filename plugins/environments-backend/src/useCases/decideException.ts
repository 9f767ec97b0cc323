import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  BaselineException,
  environmentExceptionApprovePermission,
  environmentReadPermission,
} from '@paved/plugin-environments-common';
import { audited } from '../audit/audited';
import { recoverWhenAccepted } from '../exceptions/recoverWhenAccepted';
import { principalRef } from '../authorization/principalRef';
import { notifyExceptionRequester } from '../notifications/notifyExceptions';
import { memberships } from './approvalRequests';
import { UseCaseContext } from './context';

/** An exception of an environment the caller may read; any other is, to them, not there. */
async function readableException(
  ctx: UseCaseContext,
  id: string,
  credentials: BackstageCredentials,
): Promise<BaselineException> {
  const exception = await ctx.store.exceptions.get(id);
  if (
    !exception ||
    !(await ctx.authorizer.isAllowed(
      environmentReadPermission,
      exception.environmentId,
      credentials,
    ))
  ) {
    throw new NotFoundError(`No exception with id ${id}`);
  }
  return exception;
}

/**
 * Only a member of the exception's approvers with the approve permission decides, and
 * never the one who asked: accepting a broken rule takes a second person.
 */
async function requireExceptionApprover(
  ctx: UseCaseContext,
  exception: BaselineException,
  credentials: BackstageCredentials,
) {
  const allowed = await ctx.authorizer.isAllowedBasic(
    environmentExceptionApprovePermission,
    credentials,
  );
  const member = (await memberships(ctx, credentials)).includes(
    exception.approvers,
  );
  if (!allowed || !member) {
    throw new NotAllowedError(
      `Only members of ${exception.approvers} decide this exception (permission ${environmentExceptionApprovePermission.name})`,
    );
  }
  if (principalRef(credentials) === exception.requestedBy) {
    throw new NotAllowedError(
      'You asked for this exception; another member of the approver group decides it',
    );
  }
}

/** `POST /exceptions/{id}/decision`: approve, or reject with a comment. */
export async function decideException(
  ctx: UseCaseContext,
  id: string,
  body: { decision: 'approve' | 'reject'; comment?: string },
  credentials: BackstageCredentials,
): Promise<BaselineException> {
  const comment = body.comment?.trim() || undefined;
  if (body.decision === 'reject' && !comment) {
    throw new InputError(
      'comment: is required to reject an exception; the developer reads it as the reason',
    );
  }
  const exception = await readableException(ctx, id, credentials);
  await requireExceptionApprover(ctx, exception, credentials);
  const state = body.decision === 'approve' ? 'approved' : 'rejected';
  const by = principalRef(credentials);
  return audited(
    ctx.auditor,
    {
      eventId: 'environment-exception-decision',
      severityLevel: 'medium',
      meta: {
        exceptionId: id,
        environmentId: exception.environmentId,
        rule: exception.rule,
        decision: state,
        by,
        ...(comment ? { comment } : {}),
      },
    },
    async () => {
      const decided = await ctx.store.exceptions.decide({
        id,
        state,
        decidedBy: by,
        comment,
        now: new Date(),
      });
      if (!decided) {
        const now = await ctx.store.exceptions.get(id);
        throw new ConflictError(
          `The exception to ${exception.rule} of ${exception.environmentName} is already ${now?.state}`,
        );
      }
      const result = (await ctx.store.exceptions.get(id))!;
      if (state === 'approved') {
        await recoverWhenAccepted(ctx, result.environmentId, new Date());
      }
      await notifyExceptionRequester(ctx, result);
      return { result };
    },
  );
}
