import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  BaselineException,
  Environment,
  environmentUpdatePermission,
} from '@paved/plugin-environments-common';
import crypto from 'node:crypto';
import { audited, severityFor } from '../audit/audited';
import { principalRef } from '../authorization/principalRef';
import {
  checkExceptionRequest,
  ExceptionAsk,
} from '../exceptions/checkExceptionRequest';
import { ExceptionOnRequest } from '../exceptions/checkExceptionsOnRequest';
import { notifyExceptionApprovers } from '../notifications/notifyExceptions';
import { UseCaseContext } from './context';
import { getEnvironmentToChange } from './readEnvironments';

/**
 * `POST /environments/{id}/exceptions`: a developer who may change the environment asks
 * to accept a `high` rule's findings until a date; the approver group is told.
 */
export async function requestException(
  ctx: UseCaseContext,
  environmentId: string,
  ask: ExceptionAsk,
  credentials: BackstageCredentials,
): Promise<BaselineException> {
  const { environment, environmentClass } = await getEnvironmentToChange(
    ctx,
    environmentId,
    environmentUpdatePermission,
    credentials,
  );
  if (
    environment.status === 'destroying' ||
    environment.status === 'destroyed'
  ) {
    throw new ConflictError(`${environment.name} is ${environment.status}`);
  }
  const now = new Date();
  const { approvers, until } = checkExceptionRequest(
    ctx.exceptions,
    environmentClass,
    environment.resources.map(r => r.id),
    ask,
    now,
  );
  const id = crypto.randomUUID();
  return audited(
    ctx.auditor,
    {
      eventId: 'environment-exception-request',
      severityLevel: severityFor(environment.tier),
      meta: {
        exceptionId: id,
        environmentId,
        rule: ask.rule,
        ...(ask.resourceId ? { resourceId: ask.resourceId } : {}),
        until: until.toISOString(),
        justification: ask.justification,
      },
    },
    async () => {
      const created = await ctx.store.exceptions.create(
        {
          id,
          environmentId,
          rule: ask.rule,
          resourceId: ask.resourceId,
          justification: ask.justification,
          until,
          approvers,
          requestedBy: principalRef(credentials),
        },
        now,
      );
      if (created === 'exists') {
        throw new ConflictError(
          `An exception to ${ask.rule} for ${
            ask.resourceId ? `resource ${ask.resourceId} of ` : ''
          }${environment.name} is already pending or approved`,
        );
      }
      const exception = (await ctx.store.exceptions.get(id))!;
      await notifyExceptionApprovers(ctx, exception);
      return { result: exception };
    },
  );
}

/**
 * The exceptions a create request asked for, once its environment exists: checked with
 * the request already, each now waits for its approvers, who are told.
 */
export async function askExceptionsOnRequest(
  ctx: UseCaseContext,
  environment: Environment,
  asks: ExceptionOnRequest[],
  requestedBy: string,
  now: Date,
): Promise<void> {
  for (const ask of asks) {
    const id = crypto.randomUUID();
    const resourceId = environment.resources.find(
      r => r.name === ask.resource,
    )?.id;
    // A new environment has no exceptions, and the request names each rule once.
    await ctx.store.exceptions.create(
      {
        id,
        environmentId: environment.id,
        rule: ask.rule,
        resourceId,
        justification: ask.justification,
        until: ask.until,
        approvers: ask.approvers,
        requestedBy,
      },
      now,
    );
    await notifyExceptionApprovers(ctx, (await ctx.store.exceptions.get(id))!);
  }
}
