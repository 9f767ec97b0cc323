import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  RELATION_HAS_PART,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ENVIRONMENT_KIND,
  Environment,
  environmentEntityRef,
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
 * Whether the catalog must be asked for environments declared by hand, or undefined
 * while that cannot be told yet. A system's components carry their own relations, so a
 * system always asks. A component knows from its `hasEnvironment` relations: it asks
 * only when one of them is not an environment Paved provisioned, so a component without
 * declared environments costs no extra request. (Comparing refs, not counts, keeps the
 * answer right while the catalog has not yet heard of a new environment.)
 */
function mayHaveDeclared(
  entity: Entity,
  provisioned: Environment[] | undefined,
): boolean | undefined {
  const relations = entity.relations ?? [];
  if (relations.some(r => r.type === RELATION_HAS_PART)) {
    return true;
  }
  if (provisioned === undefined) {
    return undefined;
  }
  const paved = new Set(
    provisioned.map(e => stringifyEntityRef(environmentEntityRef(e))),
  );
  return relations.some(
    r =>
      r.type === RELATION_HAS_ENVIRONMENT &&
      !paved.has(stringifyEntityRef(parseEntityRef(r.targetRef))),
  );
}

/**
 * The `Environment` entities teams declared by hand for the page's entity (and, for a
 * system, its components): environments Paved does not provision but a developer should
 * still find next to the ones it does. `provisioned` is undefined until the environments
 * service has answered.
 */
export function useDeclaredEnvironments(
  entity: Entity,
  entityRefs: string[],
  provisioned: Environment[] | undefined,
): DeclaredEnvironmentsState {
  const catalogApi = useApi(catalogApiRef);
  const ask = mayHaveDeclared(entity, provisioned);
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
    environments: ask === undefined ? undefined : state.value,
    loading: ask === undefined || state.loading,
    error: state.error,
  };
}
