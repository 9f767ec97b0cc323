import { useApi } from '@backstage/core-plugin-api';
import { Operation } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { DEFAULT_REFRESH_INTERVAL_MS } from './useEnvironments';
import { useLiveLoad } from './useLiveLoad';

/** @public */
export interface OperationsState {
  /** Newest first. */
  operations?: Operation[];
  loading: boolean;
  error?: Error;
  retry(): void;
}

/**
 * An environment's operations history, followed live while one is queued or running so
 * a retry's attempts show as they happen.
 */
export function useOperations(
  environmentId: string | undefined,
  options: { refreshIntervalMs?: number } = {},
): OperationsState {
  const api = useApi(environmentsApiRef);
  const state = useLiveLoad({
    key: environmentId,
    load: () => api.getOperations(environmentId!),
    isInFlight: operations =>
      operations.some(o => o.state === 'queued' || o.state === 'running'),
    refreshIntervalMs: options.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS,
  });
  return {
    operations: state.value,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}
