import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { BaselineException } from '@paved/plugin-environments-common';
import { principalRef } from '../authorization/principalRef';
import { ExceptionsQuery } from '../database/ExceptionStore';
import { memberships } from './approvalRequests';
import { UseCaseContext } from './context';

/** `GET /exceptions`: exceptions of environments the caller may read, newest first. */
export async function listExceptions(
  ctx: UseCaseContext,
  query: Omit<ExceptionsQuery, 'requestedBy' | 'approvers'> & {
    mine?: boolean;
    toDecide?: boolean;
  },
  credentials: BackstageCredentials,
): Promise<BaselineException[]> {
  const scope = await ctx.authorizer.readScope(credentials);
  if (scope.denied) return [];
  const { mine, toDecide, ...filters } = query;
  const store: ExceptionsQuery = { ...filters };
  if (mine) store.requestedBy = principalRef(credentials);
  if (toDecide) {
    store.state = 'pending';
    store.approvers = await memberships(ctx, credentials);
  }
  return ctx.store.exceptions.list(store, scope.filter);
}
