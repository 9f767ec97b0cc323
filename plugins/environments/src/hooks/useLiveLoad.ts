import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/** @public */
export interface LiveLoadState<T> {
  /** The last answer; kept through a failed background refresh. */
  value?: T;
  /** The first load for this key is under way (a background refresh is not). */
  loading: boolean;
  /** The last load failed; `value` still holds the one before, if any. */
  error?: Error;
  /** Loads again now, showing the loading state: the "Try again" of an error. */
  retry(): void;
  /** Loads again now in the background, after an action changed something. */
  refresh(): void;
}

interface Loaded<T> {
  key: string;
  value?: T;
  error?: Error;
  /** Counts answers, so each one can schedule the next poll. */
  answers: number;
}

/**
 * One request per load, then followed live: while `isInFlight(value)` it loads again
 * every `refreshIntervalMs`, one timer per answer so a slow server never gets
 * overlapping requests, and stops once nothing is in flight. A new `key` starts over
 * (loading state); a new `refreshKey` reloads in the background. `key` undefined loads
 * nothing (yet). Every hook of this plugin that reads the environments API is this.
 */
export function useLiveLoad<T>(options: {
  key: string | undefined;
  load: () => Promise<T>;
  isInFlight?: (value: T) => boolean;
  refreshIntervalMs: number;
  refreshKey?: string | number;
}): LiveLoadState<T> {
  const { key, isInFlight, refreshIntervalMs, refreshKey } = options;
  const [loaded, setLoaded] = useState<Loaded<T>>({
    key: key ?? '',
    answers: 0,
  });
  const [generation, setGeneration] = useState(0);
  // Callers build the loader inline, so its identity changes every render; the key
  // says when it means something new, and the latest loader is the one to call.
  const loadRef = useRef(options.load);
  loadRef.current = options.load;

  useEffect(() => {
    if (key === undefined) return undefined;
    let cancelled = false;
    loadRef.current().then(
      value => {
        if (!cancelled) {
          setLoaded(previous => ({
            key,
            value,
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
  }, [key, refreshKey, generation]);

  const current = key !== undefined && loaded.key === key ? loaded : undefined;
  const inFlight =
    current?.value !== undefined && isInFlight
      ? isInFlight(current.value)
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
    setLoaded(previous => ({ key: previous.key, answers: previous.answers }));
    setGeneration(g => g + 1);
  }, []);

  return useMemo(
    () => ({
      value: current?.value,
      loading:
        key !== undefined && current?.value === undefined && !current?.error,
      error: current?.error,
      retry,
      refresh,
    }),
    [current, key, retry, refresh],
  );
}
