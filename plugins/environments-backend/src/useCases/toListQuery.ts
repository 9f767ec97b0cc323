import { normalizeEntityRef } from '@paved/plugin-environments-common';
import { ListQuery } from '../database/EnvironmentsStore';

/** The list filters as the REST API and the actions take them. */
export interface ListFilters {
  entityRefs?: string | string[];
  owner?: string;
  class?: string;
  tier?: string;
  status?: string;
  expiringBefore?: string;
  hasFindings?: boolean;
  limit: number;
  cursor?: string;
}

/** The store's query for a caller's filters: refs in one spelling, the cursor as an offset. */
export function toListQuery(filters: ListFilters): ListQuery {
  return {
    entityRefs:
      filters.entityRefs === undefined
        ? undefined
        : ([] as string[]).concat(filters.entityRefs).map(normalizeEntityRef),
    owner: filters.owner && normalizeEntityRef(filters.owner),
    class: filters.class,
    tier: filters.tier,
    status: filters.status,
    expiringBefore:
      filters.expiringBefore && new Date(filters.expiringBefore).toISOString(),
    // Destroyed environments are listed only when asked for by status.
    includeDestroyed: filters.status === 'destroyed',
    hasFindings: filters.hasFindings,
    limit: filters.limit,
    offset: Number(filters.cursor ?? 0),
  };
}
