import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { isInFlight } from '../lib/isInFlight';
import { DEFAULT_REFRESH_INTERVAL_MS } from './useEnvironments';

/** @public */
export interface EnvironmentState {
  environment?: Environment;
  /** The first load is under way. */
  loading: boolean;
  /** The environments service has no such environment (any more): it was destroyed. */
  notFound: boolean;
  /** The last load failed for another reason; `environment` holds the one before. */
  error?: Error;
  /** Loads again now, showing the loading state. */
  retry(): void;
  /** Loads again in the background, after an action changed something. */
  refresh(): void;
}

function isNotFound(error: unknown): boolean {
  const e = error as {
    name?: string;
    statusCode?: number;
    response?: { status?: number };
  };
  return (
    e?.name === 'NotFoundError' ||
    e?.statusCode === 404 ||
    e?.response?.status === 404
  );
}

interface Loaded {
  id?: string;
  environment?: Environment;
  notFound?: boolean;
  error?: Error;
  answers: number;
}

/**
 * One environment by its id in the environments service, followed live while something
 * is provisioning or being destroyed, as the cards follow theirs.
 */
export function useEnvironment(
  id: string | undefined,
  options: { refreshIntervalMs?: number } = {},
): EnvironmentState {
  const { refreshIntervalMs = DEFAULT_REFRESH_INTERVAL_MS } = options;
  const api = useApi(environmentsApiRef);
  const [loaded, setLoaded] = useState<Loaded>({ id, answers: 0 });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!id) return undefined;
    let cancelled = false;
    api.getEnvironment(id).then(
      environment => {
        if (!cancelled) {
          setLoaded(previous => ({
            id,
            environment,
            answers: previous.answers + 1,
          }));
        }
      },
      error => {
        if (cancelled) return;
        setLoaded(previous => ({
          ...(previous.id === id ? previous : {}),
          id,
          ...(isNotFound(error)
            ? { environment: undefined, notFound: true, error: undefined }
            : { error }),
          answers: previous.answers + 1,
        }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id, generation]);

  const current = loaded.id === id ? loaded : undefined;
  const inFlight = current?.environment
    ? isInFlight(current.environment)
    : false;
  const answers = current?.answers;
  useEffect(() => {
    if (!inFlight) return undefined;
    const timer = setTimeout(
      () => setGeneration(g => g + 1),
      refreshIntervalMs,
    );
    return () => clearTimeout(timer);
  }, [inFlight, answers, refreshIntervalMs]);

  const refresh = useCallback(() => setGeneration(g => g + 1), []);
  const retry = useCallback(() => {
    setLoaded(previous => ({ id: previous.id, answers: previous.answers }));
    setGeneration(g => g + 1);
  }, []);

  return {
    environment: current?.environment,
    loading:
      !!id && !current?.environment && !current?.error && !current?.notFound,
    notFound: current?.notFound ?? false,
    error: current?.error,
    retry,
    refresh,
  };
}
