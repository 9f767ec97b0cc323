import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ApprovalRequest,
  ApprovalState,
} from '@paved/plugin-environments-common';
import { principalRef } from '../authorization/principalRef';
import { RequestsQuery } from '../database/RequestStore';
import { memberships, toApi } from './approvalRequests';
import { UseCaseContext } from './context';

/** `GET /requests`: requests of environments the caller may read, newest first. */
export async function listRequests(
  ctx: UseCaseContext,
  query: Omit<RequestsQuery, 'requestedBy' | 'approvers'> & {
    mine?: boolean;
    toDecide?: boolean;
  },
  credentials: BackstageCredentials,
): Promise<ApprovalRequest[]> {
  const scope = await ctx.authorizer.readScope(credentials);
  if (scope.denied) return [];
  const { mine, toDecide, ...filters } = query;
  const store: RequestsQuery = { ...filters };
  if (mine) store.requestedBy = principalRef(credentials);
  if (toDecide) {
    store.state = 'pending' satisfies ApprovalState;
    store.approvers = await memberships(ctx, credentials);
  }
  const requests = await ctx.store.requests.list(store, scope.filter);
  return requests.map(toApi);
}
