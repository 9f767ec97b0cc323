import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Finding } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { useLiveLoad } from './useLiveLoad';

/** @public */
export interface UseFindingsOptions {
  /** False to load nothing (a declared environment has no findings). Defaults to true. */
  enabled?: boolean;
  /**
   * Loads again, in the background, when this changes: pass the environment's
   * `openFindings`, which the environment list keeps current.
   */
  refreshKey?: string | number;
}

/** @public */
export interface FindingsState {
  /** Open and resolved, newest first; undefined until the first answer. */
  findings?: Finding[];
  /** The first load is under way (a background refresh is not). */
  loading: boolean;
  /** The last load failed; `findings` still holds the one before, if any. */
  error?: Error;
  /** Loads again now, showing the loading state: the "Try again" of an error. */
  retry(): void;
}

/** An environment's baseline findings, open and resolved, with one request per load. */
export function useFindings(
  environmentId: string,
  options: UseFindingsOptions = {},
): FindingsState {
  const { enabled = true, refreshKey } = options;
  const api = useApi(environmentsApiRef);
  const state = useLiveLoad({
    key: enabled ? environmentId : undefined,
    load: () => api.getFindings(environmentId),
    // Findings change only on a reconciler pass; nothing to follow between them.
    refreshIntervalMs: 0,
    refreshKey,
  });
  return useMemo(
    () => ({
      findings: state.value,
      loading: state.loading,
      error: state.error,
      retry: state.retry,
    }),
    [state],
  );
}
