import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  Environment,
  ListEnvironmentsRequest,
} from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { isInFlight } from '../lib/isInFlight';
import { sortEnvironments } from '../lib/sortEnvironments';

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

interface Loaded {
  key: string;
  environments?: Environment[];
  totalItems?: number;
  error?: Error;
  /** Counts answers, so each one can schedule the next poll. */
  answers: number;
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
  // Callers build the request inline; its content, not its identity, decides a reload.
  const key = JSON.stringify(request ?? null);
  const [loaded, setLoaded] = useState<Loaded>({ key, answers: 0 });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const current: ListEnvironmentsRequest | null = JSON.parse(key);
    if (!current) {
      return undefined;
    }
    let cancelled = false;
    api.listEnvironments(current).then(
      list => {
        if (!cancelled) {
          setLoaded(previous => ({
            key,
            environments: sortEnvironments(list.items),
            totalItems: list.totalItems,
            answers: previous.answers + 1,
          }));
        }
      },
      error => {
        if (!cancelled) {
          setLoaded(previous => ({
            ...(previous.key === key ? previous : {}),
            key,
            error,
            answers: previous.answers + 1,
          }));
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, key, generation]);

  const current = loaded.key === key ? loaded : undefined;
  const inFlight = current?.environments?.some(isInFlight) ?? false;
  const answers = current?.answers;

  useEffect(() => {
    if (!live || !inFlight) {
      return undefined;
    }
    // One timer per answer, so a slow server never gets overlapping requests.
    const timer = setTimeout(
      () => setGeneration(g => g + 1),
      refreshIntervalMs,
    );
    return () => clearTimeout(timer);
  }, [live, inFlight, answers, refreshIntervalMs]);

  const refresh = useCallback(() => setGeneration(g => g + 1), []);
  const retry = useCallback(() => {
    setLoaded(previous => ({ key: previous.key, answers: previous.answers }));
    setGeneration(g => g + 1);
  }, []);

  return useMemo(
    () => ({
      environments: current?.environments,
      totalItems: current?.totalItems,
      loading: key !== 'null' && !current?.environments && !current?.error,
      error: current?.error,
      retry,
      refresh,
    }),
    [current, key, retry, refresh],
  );
}
