import {
  ENVIRONMENT_STATUSES,
  EnvironmentStatus,
  TIERS,
  Tier,
} from '@paved/plugin-environments-common';
import { EnvironmentFilters, NO_FILTERS } from './filterEnvironments';

const oneOf = <T extends string>(
  values: readonly T[],
  value: string | null,
): T | undefined =>
  value !== null && (values as readonly string[]).includes(value)
    ? (value as T)
    : undefined;

/** `findings=open` or `findings=none`: with or without an open baseline finding. */
const FINDINGS: Record<string, boolean | undefined> = {
  open: true,
  none: false,
};

/**
 * The filters a link into the Environments page starts it with, e.g. a team's card's
 * `?owner=group:default/checkout-team&tier=production` or `&findings=open`. Values the
 * page does not know are left out rather than showing nothing.
 */
export function filtersFromSearch(search: URLSearchParams): EnvironmentFilters {
  return {
    ...NO_FILTERS,
    search: search.get('q') ?? '',
    owner: search.get('owner') ?? undefined,
    class: search.get('class') ?? undefined,
    tier: oneOf<Tier>(TIERS, search.get('tier')),
    status: oneOf<EnvironmentStatus>(
      ENVIRONMENT_STATUSES,
      search.get('status'),
    ),
    hasFindings: FINDINGS[search.get('findings') ?? ''],
  };
}
