import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CreateEnvironmentResponse,
  environmentDeletePermission,
} from '@paved/plugin-environments-common';
import crypto from 'node:crypto';
import { audited, severityFor } from '../audit/audited';
import { principalRef } from '../authorization/principalRef';
import { UseCaseContext } from './context';
import { endRequest } from './decideRequest';
import { getEnvironment } from './readEnvironments';
import { respond } from './respond';

/**
 * Destroys an environment and its resources. A production environment needs its name as
 * confirmation. Asking again answers with the destroy already under way or done.
 */
export async function destroyEnvironment(
  ctx: UseCaseContext,
  id: string,
  confirm: string | undefined,
  credentials: BackstageCredentials,
  requestedBy = principalRef(credentials),
): Promise<CreateEnvironmentResponse> {
  const environment = await getEnvironment(ctx, id, credentials);
  await ctx.authorizer.requireAllowed(
    environmentDeletePermission,
    id,
    credentials,
  );
  if (environment.tier === 'production' && confirm !== environment.name) {
    throw new InputError(
      `confirm: destroying a production environment needs ?confirm=${environment.name}`,
    );
  }
  const earlier = await earlierDestroy(ctx, id);
  if (earlier) return respond(ctx, id, earlier.id);

  // What waits for approval ends first: a waiting create leaves nothing to destroy, and an
  // update approved later would find its environment gone.
  const waiting = await ctx.store.requests.list({
    environmentId: id,
    state: 'pending',
  });
  for (const request of waiting) {
    await endRequest(ctx, request, {
      state: 'withdrawn',
      by: requestedBy,
      comment: 'the environment was destroyed before the request was decided',
    });
  }
  if (waiting.some(r => r.operationType === 'create')) {
    const [created] = waiting.filter(r => r.operationType === 'create');
    return respond(ctx, id, created.operationId);
  }

  const operationId = crypto.randomUUID();
  return audited(
    ctx.auditor,
    {
      eventId: 'environment-destroy',
      severityLevel: severityFor(environment.tier),
      meta: { environmentId: id, name: environment.name },
    },
    async () => {
      const { result, answer } = await ctx.lifecycle.queue(
        'destroy',
        {
          environmentId: id,
          operation: { id: operationId, type: 'destroy', requestedBy },
          now: new Date(),
        },
        () => respond(ctx, id, operationId),
      );
      if (result === 'written')
        return { result: answer!, meta: { operationId } };
      // Another request's destroy got there first, and may be done already.
      const won = await earlierDestroy(ctx, id);
      if (won) return { result: await respond(ctx, id, won.id) };
      throw new ConflictError(`${environment.name} is already destroyed`);
    },
  );
}

/** The destroy under way, or the one that destroyed the environment. */
async function earlierDestroy(ctx: UseCaseContext, id: string) {
  const destroys = (await ctx.store.operations.listOperations(id)).filter(
    op => op.type === 'destroy',
  );
  const pending = destroys.find(
    op => op.state === 'queued' || op.state === 'running',
  );
  return (
    pending ?? (destroys[0]?.state === 'succeeded' ? destroys[0] : undefined)
  );
}
