import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { isInFlight } from '../lib/isInFlight';
import { DEFAULT_REFRESH_INTERVAL_MS } from './useEnvironments';
import { useLiveLoad } from './useLiveLoad';

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
  const e = error as { name?: string; statusCode?: number };
  return e?.name === 'NotFoundError' || e?.statusCode === 404;
}

type Answer = { environment: Environment } | { notFound: true };

/**
 * One environment by its id in the environments service, followed live while something
 * is provisioning or being destroyed, as the cards follow theirs.
 */
export function useEnvironment(
  id: string | undefined,
  options: { refreshIntervalMs?: number } = {},
): EnvironmentState {
  const api = useApi(environmentsApiRef);
  const state = useLiveLoad<Answer>({
    key: id,
    load: () =>
      api.getEnvironment(id!).then(
        environment => ({ environment }),
        error => {
          if (isNotFound(error)) return { notFound: true as const };
          throw error;
        },
      ),
    isInFlight: answer =>
      'environment' in answer && isInFlight(answer.environment),
    refreshIntervalMs: options.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS,
  });
  const answer = state.value;
  return {
    environment:
      answer && 'environment' in answer ? answer.environment : undefined,
    notFound: !!answer && 'notFound' in answer,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
    refresh: state.refresh,
  };
}
