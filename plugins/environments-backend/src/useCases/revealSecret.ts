import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { resourceSecretReadPermission } from '@paved/plugin-environments-common';
import { audited } from '../audit/audited';
import { UseCaseContext } from './context';
import { getEnvironment } from './readEnvironments';

/** A ready resource's connection string, for a caller allowed to read its secret; audited. */
export async function revealSecret(
  ctx: UseCaseContext,
  resourceId: string,
  credentials: BackstageCredentials,
): Promise<{ connectionString: string }> {
  const resource = await ctx.store.environments.getResource(resourceId);
  if (!resource) {
    throw new NotFoundError(`No resource with id ${resourceId}`);
  }
  await getEnvironment(ctx, resource.environmentId, credentials);
  return audited(
    ctx.auditor,
    {
      eventId: 'resource-secret-read',
      severityLevel: 'high',
      meta: { resourceId, environmentId: resource.environmentId },
    },
    async () => {
      await ctx.authorizer.requireAllowed(
        resourceSecretReadPermission,
        resource.environmentId,
        credentials,
      );
      if (resource.status !== 'ready' || !resource.secret) {
        throw new ConflictError(
          `${resource.name} is ${resource.status}; its connection details exist once it is ready`,
        );
      }
      const provider = ctx.providers.get(resource.type);
      if (!provider) {
        throw new ConflictError(
          `No provider is installed for ${resource.type}`,
        );
      }
      const connectionString = provider.connectionString(
        resource.outputs,
        ctx.secrets.open(resource.secret),
      );
      return { result: { connectionString } };
    },
  );
}
