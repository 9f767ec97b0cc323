import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  Environment,
  ListEnvironmentsRequest,
} from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { isInFlight } from '../lib/isInFlight';
import { sortEnvironments } from '../lib/sortEnvironments';
import { useLiveLoad } from './useLiveLoad';

/** Often enough that provisioning feels live, rarely enough to stay cheap. */
export const DEFAULT_REFRESH_INTERVAL_MS = 2500;

/** @public */
export interface UseEnvironmentsOptions {
  /** How often to load again while something is provisioning or being destroyed. */
  refreshIntervalMs?: number;
  /** False to load once and never follow changes (a form field, for instance). */
  live?: boolean;
}

/** @public */
export interface EnvironmentsState {
  /** Production first; undefined until the first answer. */
  environments?: Environment[];
  /** How many match, which may be more than one page holds. */
  totalItems?: number;
  /** The first load is under way (a background refresh is not). */
  loading: boolean;
  /** The last load failed; `environments` still holds the one before, if any. */
  error?: Error;
  /** Loads again now, showing the loading state: the retry of an error panel. */
  retry(): void;
  /** Loads again now in the background: after an action changed something. */
  refresh(): void;
}

/**
 * Lists environments with one request per load, then follows them live: while any is
 * provisioning or being destroyed it loads again every few seconds, and stops once
 * nothing is in flight. Pass undefined to load nothing (yet).
 */
export function useEnvironments(
  request: ListEnvironmentsRequest | undefined,
  options: UseEnvironmentsOptions = {},
): EnvironmentsState {
  const { refreshIntervalMs = DEFAULT_REFRESH_INTERVAL_MS, live = true } =
    options;
  const api = useApi(environmentsApiRef);
  const state = useLiveLoad({
    // Callers build the request inline; its content, not its identity, decides a reload.
    key: request ? JSON.stringify(request) : undefined,
    load: () =>
      api.listEnvironments(request!).then(list => ({
        environments: sortEnvironments(list.items),
        totalItems: list.totalItems,
      })),
    isInFlight: live
      ? loaded => loaded.environments.some(isInFlight)
      : undefined,
    refreshIntervalMs,
  });

  return useMemo(
    () => ({
      environments: state.value?.environments,
      totalItems: state.value?.totalItems,
      loading: state.loading,
      error: state.error,
      retry: state.retry,
      refresh: state.refresh,
    }),
    [state],
  );
}
