import { useApi } from '@backstage/core-plugin-api';
import { ApprovalRequest } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { useLiveLoad } from './useLiveLoad';

/** A decision can take hours: checking twice a minute is live enough and cheap. */
const WAITING_REFRESH_MS = 30_000;

/**
 * The requests of the card's entities, newest first, in one request: followed while
 * any waits for a decision, so the card sees the approver's answer without a reload.
 */
export function useEntityRequests(
  entityRef: string | string[],
  options: { refreshIntervalMs?: number } = {},
) {
  const api = useApi(environmentsApiRef);
  const state = useLiveLoad<ApprovalRequest[]>({
    key: JSON.stringify(entityRef),
    load: () => api.listRequests({ entityRef }),
    isInFlight: requests => requests.some(r => r.state === 'pending'),
    refreshIntervalMs: options.refreshIntervalMs ?? WAITING_REFRESH_MS,
  });
  return { requests: state.value, refresh: state.refresh };
}
