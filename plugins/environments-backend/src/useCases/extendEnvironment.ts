import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CreateEnvironmentResponse,
  environmentUpdatePermission,
} from '@paved/plugin-environments-common';
import crypto from 'node:crypto';
import { audited } from '../audit/audited';
import { principalRef } from '../authorization/principalRef';
import { UseCaseContext } from './context';
import { getEnvironmentToChange } from './readEnvironments';
import { respond } from './respond';

/** Moves an ephemeral environment's expiry later; never earlier. */
export async function extendEnvironment(
  ctx: UseCaseContext,
  id: string,
  ttl: string,
  credentials: BackstageCredentials,
): Promise<CreateEnvironmentResponse> {
  const { environment, environmentClass } = await getEnvironmentToChange(
    ctx,
    id,
    environmentUpdatePermission,
    credentials,
  );
  if (environmentClass.lifecycle !== 'ephemeral' || !environmentClass.ttl) {
    throw new InputError(
      `ttl: ${environment.name} belongs to the static ${environmentClass.name} class; its environments do not expire`,
    );
  }
  if (
    environment.status === 'destroying' ||
    environment.status === 'destroyed'
  ) {
    throw new ConflictError(`${environment.name} is ${environment.status}`);
  }
  const now = new Date();
  const expiresAt = ctx.classes.expiry(environmentClass, ttl, now)!;
  if (
    environment.expiresAt &&
    expiresAt.getTime() < Date.parse(environment.expiresAt)
  ) {
    throw new InputError(
      `ttl: ${ttl} from now is before ${environment.name} expires anyway (${environment.expiresAt}); extending never shortens`,
    );
  }
  const operationId = crypto.randomUUID();
  return audited(
    ctx.auditor,
    {
      eventId: 'environment-extend',
      severityLevel: 'low',
      meta: { environmentId: id, ttl },
    },
    async () => {
      await ctx.lifecycle.extend({
        environmentId: id,
        expiresAt,
        operation: {
          id: operationId,
          type: 'extend',
          requestedBy: principalRef(credentials),
        },
        now,
      });
      return { result: await respond(ctx, id, operationId) };
    },
  );
}
