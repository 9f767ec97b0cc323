import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ENVIRONMENT_KIND,
  EnvironmentEntityV1alpha1,
  PAVED_SOURCE_ANNOTATION,
  RELATION_ENVIRONMENT_OF,
  RELATION_HAS_ENVIRONMENT,
  TIERS,
  isEnvironmentEntity,
} from '@paved/plugin-environments-common';
import useAsync from 'react-use/esm/useAsync';

/** @public */
export interface DeclaredEnvironmentsState {
  /** Undefined while loading or after an error. */
  environments?: EnvironmentEntityV1alpha1[];
  loading: boolean;
  error?: Error;
}

/**
 * Whether the page's entity may have environments declared by hand in a catalog-info.yaml.
 * A component knows from its own `hasEnvironment` relations, which include Paved's own
 * environments; only when it has more of them than Paved provisioned is the catalog asked,
 * so a component without declared environments costs no extra request. A system's
 * components carry their relations themselves, so a system always asks.
 */
function mayHaveDeclared(entity: Entity, provisionedCount: number): boolean {
  const relations = entity.relations ?? [];
  if (relations.some(r => r.type === RELATION_HAS_PART)) {
    return true;
  }
  const related = new Set(
    relations
      .filter(r => r.type === RELATION_HAS_ENVIRONMENT)
      .map(r => r.targetRef),
  );
  return related.size > provisionedCount;
}

/**
 * The `Environment` entities teams declared by hand for the page's entity (and, for a
 * system, its components): environments Paved does not provision but a developer should
 * still find next to the ones it does. Waits for `provisionedCount` (undefined = not known
 * yet) so the decision to ask the catalog is made once.
 */
export function useDeclaredEnvironments(
  entity: Entity,
  entityRefs: string[],
  provisionedCount: number | undefined,
): DeclaredEnvironmentsState {
  const catalogApi = useApi(catalogApiRef);
  const ask =
    provisionedCount !== undefined && mayHaveDeclared(entity, provisionedCount);
  const key = ask ? entityRefs.join(',') : '';

  const state = useAsync(async () => {
    if (!key) {
      return [];
    }
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: ENVIRONMENT_KIND,
        [`relations.${RELATION_ENVIRONMENT_OF}`]: key.split(','),
        [`metadata.annotations.${PAVED_SOURCE_ANNOTATION}`]: 'declared',
      },
    });
    // Production first, as the provisioned ones are.
    return items
      .filter(isEnvironmentEntity)
      .sort(
        (a, b) =>
          TIERS.indexOf(a.spec.tier) - TIERS.indexOf(b.spec.tier) ||
          stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      );
  }, [catalogApi, key]);

  return {
    environments: provisionedCount === undefined ? undefined : state.value,
    loading: provisionedCount === undefined || state.loading,
    error: state.error,
  };
}
