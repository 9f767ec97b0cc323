import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@paved/plugin-environments-common';
import { GoalScope } from '../config/goalsConfig';
import { MetricScope } from '../database/metrics/MetricStore';

/**
 * A goal's scope as the metrics read it. A system is the entity refs of its
 * environments: the system's own and its components' (from the catalog, read with the
 * backend's own credentials, since goals count every environment in scope).
 */
export async function resolveScope(
  deps: { catalog: CatalogService; auth: AuthService },
  scope: GoalScope,
): Promise<MetricScope> {
  const { system, ...rest } = scope;
  if (!system) return rest;
  const credentials = await deps.auth.getOwnServiceCredentials();
  const { items } = await deps.catalog.getEntities(
    {
      filter: { kind: 'component' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.system'],
    },
    { credentials },
  );
  const components = items.filter(entity => {
    const ref = entity.spec?.system;
    if (typeof ref !== 'string') return false;
    // A component names its system as `name`, `namespace/name` or a full ref.
    const namespace = entity.metadata.namespace ?? 'default';
    const full = ref.includes(':')
      ? ref
      : `system:${ref.includes('/') ? ref : `${namespace}/${ref}`}`;
    return normalizeEntityRef(full) === system;
  });
  return {
    ...rest,
    entityRefs: [
      system,
      ...components.map(c =>
        normalizeEntityRef(
          `component:${c.metadata.namespace ?? 'default'}/${c.metadata.name}`,
        ),
      ),
    ],
  };
}

/** Whether an environment (its tier, class, owner, entity) is within a resolved scope. */
export function inScope(
  environment: {
    tier: string;
    class: string;
    owner: string;
    entityRef: string;
  },
  scope: MetricScope,
): boolean {
  return (
    (!scope.tier || environment.tier === scope.tier) &&
    (!scope.class || environment.class === scope.class) &&
    (!scope.owner || environment.owner === scope.owner) &&
    (!scope.entityRefs || scope.entityRefs.includes(environment.entityRef))
  );
}
