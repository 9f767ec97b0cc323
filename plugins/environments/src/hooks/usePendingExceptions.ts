import { useCallback, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { BaselineException } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { useLiveLoad } from './useLiveLoad';

export interface PendingExceptionsState {
  /** Waiting for a decision, the ones asked here included; empty until loaded. */
  exceptions: BaselineException[];
  /** Adds one just asked for, so its finding says so without loading again. */
  add(exception: BaselineException): void;
}

/**
 * The exceptions of an environment that wait for a decision, in one request for all its
 * findings. When they cannot be loaded, none are known: the server refuses a second
 * ask for the same rule with a 409 that the asking dialog shows.
 */
export function usePendingExceptions(
  environmentId: string,
): PendingExceptionsState {
  const api = useApi(environmentsApiRef);
  const state = useLiveLoad({
    key: environmentId,
    load: () => api.listExceptions({ environmentId, state: 'pending' }),
    // A decision is the approver's, elsewhere; nothing to follow while the dialog is open.
    refreshIntervalMs: 0,
  });
  const [asked, setAsked] = useState<BaselineException[]>([]);
  const add = useCallback(
    (exception: BaselineException) => setAsked(list => [...list, exception]),
    [],
  );
  return useMemo(
    () => ({ exceptions: [...asked, ...(state.value ?? [])], add }),
    [asked, state.value, add],
  );
}
