import { JsonObject } from '@backstage/types';
import { Tier } from '@paved/plugin-environments-common';
import { NewResource } from '../database/EnvironmentsStore';
import { UseCaseContext } from './context';

/**
 * A dry run's planned resources with what their providers would change, from those that
 * can say before acting (`preview`): a gitops namespace's files and their diff. Nothing is
 * changed; a preview that fails (a name taken by another environment) fails the plan, as
 * the request would.
 */
export async function previewResources(
  ctx: UseCaseContext,
  environment: {
    name: string;
    entityRef: string;
    owner: string;
    tier: Tier;
    expiresAt?: string;
  },
  resources: NewResource[],
): Promise<Array<NewResource & { preview?: JsonObject }>> {
  return Promise.all(
    resources.map(async resource => {
      const provider = ctx.providers.get(resource.type);
      if (!provider?.preview) return resource;
      const preview = await provider.preview({
        target: resource.target,
        resource: {
          name: resource.name,
          environmentName: environment.name,
          entityRef: environment.entityRef,
          owner: environment.owner,
          tier: environment.tier,
          expiresAt: environment.expiresAt,
        },
        spec: resource.spec,
        logger: ctx.logger,
      });
      return { ...resource, preview };
    }),
  );
}
