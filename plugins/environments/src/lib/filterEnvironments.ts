import {
  Environment,
  EnvironmentStatus,
  Tier,
} from '@paved/plugin-environments-common';
import { timeLeft } from './expiry';

/** The environments page's filters; undefined means any. */
export interface EnvironmentFilters {
  search: string;
  owner?: string;
  class?: string;
  tier?: Tier;
  status?: EnvironmentStatus;
  /** Only those expiring within this many milliseconds. */
  expiringWithinMs?: number;
  /** Only those with (true) or without (false) an open baseline finding. */
  hasFindings?: boolean;
}

export const NO_FILTERS: EnvironmentFilters = { search: '' };

function matchesSearch(environment: Environment, search: string): boolean {
  const words = search.toLocaleLowerCase('en-US').split(/\s+/).filter(Boolean);
  const text = [
    environment.name,
    environment.entityRef,
    environment.owner,
    environment.class,
    environment.tier,
    environment.status,
    ...environment.resources.flatMap(r => [r.name, r.type]),
  ]
    .join(' ')
    .toLocaleLowerCase('en-US');
  return words.every(word => text.includes(word));
}

/** The environments that pass every filter, in the order given. */
export function filterEnvironments(
  environments: Environment[],
  filters: EnvironmentFilters,
  now: number,
): Environment[] {
  return environments.filter(environment => {
    const left = timeLeft(environment.expiresAt, now);
    return (
      (!filters.owner || environment.owner === filters.owner) &&
      (!filters.class || environment.class === filters.class) &&
      (!filters.tier || environment.tier === filters.tier) &&
      (!filters.status || environment.status === filters.status) &&
      (filters.expiringWithinMs === undefined ||
        (left !== undefined && left <= filters.expiringWithinMs)) &&
      (filters.hasFindings === undefined ||
        (environment.openFindings ?? 0) > 0 === filters.hasFindings) &&
      matchesSearch(environment, filters.search)
    );
  });
}
