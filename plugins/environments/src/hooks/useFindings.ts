import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Finding } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';

/** @public */
export interface UseFindingsOptions {
  /** False to load nothing yet: a dialog passes whether it is open. Defaults to true. */
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

interface Loaded {
  environmentId: string;
  findings?: Finding[];
  error?: Error;
}

/** An environment's baseline findings, open and resolved, with one request per load. */
export function useFindings(
  environmentId: string,
  options: UseFindingsOptions = {},
): FindingsState {
  const { enabled = true, refreshKey } = options;
  const api = useApi(environmentsApiRef);
  const [loaded, setLoaded] = useState<Loaded>({ environmentId });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    let cancelled = false;
    api.getFindings(environmentId).then(
      findings => {
        if (!cancelled) setLoaded({ environmentId, findings });
      },
      error => {
        if (!cancelled) {
          setLoaded(previous => ({
            ...(previous.environmentId === environmentId ? previous : {}),
            environmentId,
            error,
          }));
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, environmentId, enabled, refreshKey, generation]);

  const retry = useCallback(() => {
    setLoaded(previous => ({ environmentId: previous.environmentId }));
    setGeneration(g => g + 1);
  }, []);

  const current =
    loaded.environmentId === environmentId ? loaded : { environmentId };
  return useMemo(
    () => ({
      findings: current.findings,
      loading: enabled && !current.findings && !current.error,
      error: current.error,
      retry,
    }),
    [current.findings, current.error, enabled, retry],
  );
}
