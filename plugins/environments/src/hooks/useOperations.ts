import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Operation } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { DEFAULT_REFRESH_INTERVAL_MS } from './useEnvironments';

/** @public */
export interface OperationsState {
  /** Newest first. */
  operations?: Operation[];
  loading: boolean;
  error?: Error;
  retry(): void;
}

interface Loaded {
  id?: string;
  operations?: Operation[];
  error?: Error;
  answers: number;
}

/**
 * An environment's operations history, followed live while one is queued or running so
 * a retry's attempts show as they happen.
 */
export function useOperations(
  environmentId: string | undefined,
  options: { refreshIntervalMs?: number } = {},
): OperationsState {
  const { refreshIntervalMs = DEFAULT_REFRESH_INTERVAL_MS } = options;
  const api = useApi(environmentsApiRef);
  const [loaded, setLoaded] = useState<Loaded>({ answers: 0 });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!environmentId) return undefined;
    let cancelled = false;
    api.getOperations(environmentId).then(
      operations => {
        if (!cancelled) {
          setLoaded(p => ({
            id: environmentId,
            operations,
            answers: p.answers + 1,
          }));
        }
      },
      error => {
        if (!cancelled) {
          setLoaded(p => ({
            ...(p.id === environmentId ? p : {}),
            id: environmentId,
            error,
            answers: p.answers + 1,
          }));
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, environmentId, generation]);

  const current = loaded.id === environmentId ? loaded : undefined;
  const inFlight =
    current?.operations?.some(
      o => o.state === 'queued' || o.state === 'running',
    ) ?? false;
  const answers = current?.answers;
  useEffect(() => {
    if (!inFlight) return undefined;
    const timer = setTimeout(
      () => setGeneration(g => g + 1),
      refreshIntervalMs,
    );
    return () => clearTimeout(timer);
  }, [inFlight, answers, refreshIntervalMs]);

  const retry = useCallback(() => {
    setLoaded(p => ({ id: p.id, answers: p.answers }));
    setGeneration(g => g + 1);
  }, []);

  return {
    operations: current?.operations,
    loading: !!environmentId && !current?.operations && !current?.error,
    error: current?.error,
    retry,
  };
}
