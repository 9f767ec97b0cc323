import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  CreateEnvironmentResponse,
  environmentDeletePermission,
  environmentUpdatePermission,
} from '@paved/plugin-environments-common';
import crypto from 'node:crypto';
import { audited, severityFor } from '../audit/audited';
import { principalRef } from '../authorization/principalRef';
import { UseCaseContext } from './context';
import { getEnvironment } from './readEnvironments';
import { respond } from './respond';

/**
 * Runs a failed environment's work again as a new operation: a failed destroy is
 * destroyed again, anything else converges every resource that is not ready.
 */
export async function retryEnvironment(
  ctx: UseCaseContext,
  id: string,
  credentials: BackstageCredentials,
): Promise<CreateEnvironmentResponse> {
  const environment = await getEnvironment(ctx, id, credentials);
  const lastFailed = (await ctx.store.operations.listOperations(id)).find(
    op => op.state === 'failed',
  );
  const type = lastFailed?.type === 'destroy' ? 'destroy' : 'update';
  await ctx.authorizer.requireAllowed(
    type === 'destroy'
      ? environmentDeletePermission
      : environmentUpdatePermission,
    id,
    credentials,
  );
  if (environment.status !== 'failed') {
    throw new ConflictError(
      `${environment.name} is ${environment.status}; only a failed environment can be retried`,
    );
  }
  const operationId = crypto.randomUUID();
  return audited(
    ctx.auditor,
    {
      eventId: 'environment-retry',
      severityLevel: severityFor(environment.tier),
      meta: { environmentId: id, operation: type },
    },
    async () => {
      // Only one of two simultaneous retries wins; the other finds it no longer failed.
      const { result, answer } = await ctx.lifecycle.queue(
        type === 'destroy' ? 'retryDestroy' : 'retryUpdate',
        {
          environmentId: id,
          operation: {
            id: operationId,
            type,
            requestedBy: principalRef(credentials),
          },
          now: new Date(),
        },
        () => respond(ctx, id, operationId),
      );
      if (result !== 'written') {
        throw new ConflictError(`${environment.name} is already being retried`);
      }
      return { result: answer!, meta: { operationId } };
    },
  );
}
