import {
  ApprovalRequest,
  ListRequestsRequest,
  normalizeEntityRef,
} from '@paved/plugin-environments-common';
import { responseError } from './responseError';

/** A pending request for a production environment `prod`, asked by the guest. */
export function aRequest(
  overrides: Partial<ApprovalRequest> = {},
): ApprovalRequest {
  return {
    id: 'req-1',
    state: 'pending',
    environmentId: 'env-prod',
    environmentName: 'prod',
    entityRef: 'component:default/checkout-api',
    owner: 'group:default/checkout-team',
    class: 'production',
    tier: 'production',
    operationId: 'op-1',
    operationType: 'create',
    approvers: 'group:default/platform-team',
    reasons: ['the production class needs approval for every request'],
    requestedBy: 'user:default/guest',
    resources: [],
    estimatedMonthlyCost: { amount: 60, currency: 'USD' },
    warnings: [],
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    expiresAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    ...overrides,
  };
}

/**
 * The request methods of the fake API, in memory: listing filters by entity and state
 * as the server does, and withdrawing is the requester's alone (403 otherwise, 409
 * when no longer pending).
 */
export function fakeRequests(options: {
  requests: ApprovalRequest[];
  user: string;
}) {
  let requests = options.requests;
  const get = (id: string) => {
    const request = requests.find(r => r.id === id);
    if (!request) throw new Error(`No request with id ${id}`);
    return request;
  };
  return {
    listRequests: async (query: ListRequestsRequest = {}) => {
      const refs =
        query.entityRef === undefined
          ? undefined
          : ([] as string[]).concat(query.entityRef).map(normalizeEntityRef);
      return requests.filter(
        r =>
          (!refs || refs.includes(normalizeEntityRef(r.entityRef))) &&
          (!query.state || r.state === query.state) &&
          (!query.environmentId || r.environmentId === query.environmentId),
      );
    },
    withdrawRequest: async (id: string) => {
      const request = get(id);
      if (request.requestedBy !== options.user) {
        throw await responseError(
          403,
          'Only the requester withdraws a request',
        );
      }
      if (request.state !== 'pending') {
        throw await responseError(
          409,
          `The request for ${request.environmentName} is already ${request.state}`,
        );
      }
      const withdrawn: ApprovalRequest = {
        ...request,
        state: 'withdrawn',
        decidedBy: options.user,
        decidedAt: new Date().toISOString(),
      };
      requests = requests.map(r => (r.id === id ? withdrawn : r));
      return withdrawn;
    },
  };
}
