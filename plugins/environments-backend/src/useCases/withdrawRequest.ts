import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { ApprovalRequest } from '@paved/plugin-environments-common';
import { principalRef } from '../authorization/principalRef';
import { readableRequest } from './approvalRequests';
import { UseCaseContext } from './context';
import { endRequest } from './decideRequest';

/** The requester takes back a pending request; nothing was or will be provisioned. */
export async function withdrawRequest(
  ctx: UseCaseContext,
  id: string,
  credentials: BackstageCredentials,
): Promise<ApprovalRequest> {
  const request = await readableRequest(ctx, id, credentials);
  const principal = principalRef(credentials);
  if (principal !== request.requestedBy) {
    throw new NotAllowedError(
      `Only ${request.requestedBy}, who made the request, can withdraw it`,
    );
  }
  return endRequest(ctx, request, { state: 'withdrawn', by: principal });
}
