import { formatDuration } from '@paved/plugin-environments-common';
import { notifyRequester } from '../notifications/notifyRequests';
import { UseCaseContext } from './context';
import { endRequest } from './decideRequest';

/** Who the expiry of a request nobody decided is recorded as. */
export const REQUEST_EXPIRY_PRINCIPAL = 'paved:request-expiry';

/**
 * Ends the requests nobody decided in time, saying so, and tells requesters of decisions
 * whose notice did not go out (a send that failed, a replica that stopped).
 */
export async function expireRequests(
  ctx: UseCaseContext,
  now: Date,
): Promise<{ expired: number; notified: number }> {
  let expired = 0;
  for (const request of await ctx.store.requests.listExpired(now)) {
    const waited =
      Date.parse(request.expiresAt) - Date.parse(request.createdAt);
    try {
      await endRequest(ctx, request, {
        state: 'expired',
        by: REQUEST_EXPIRY_PRINCIPAL,
        comment: `Nobody decided within ${formatDuration(
          waited,
        )}; ask again if it is still needed.`,
      });
      expired += 1;
    } catch (error) {
      // Decided at the same moment by an approver: their decision stands.
      ctx.logger.info(
        `Request ${request.id} not expired: ${(error as Error).message}`,
      );
    }
  }
  let notified = 0;
  for (const request of await ctx.store.requests.listUnnotified()) {
    await notifyRequester(
      { ...ctx, requests: ctx.store.requests },
      request,
      now,
    );
    notified += 1;
  }
  return { expired, notified };
}
