import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RequestRecord, RequestStore } from '../database/RequestStore';
import { entityLink } from './entityLink';

/** Where approvers find what waits for them. */
export const REQUESTS_PAGE = '/environments/requests';

export interface NotifyDeps {
  notifications: NotificationService;
  logger: LoggerService;
}

export async function send(
  deps: NotifyDeps,
  entityRef: string,
  payload: Parameters<NotificationService['send']>[0]['payload'],
): Promise<boolean> {
  try {
    await deps.notifications.send({
      recipients: { type: 'entity', entityRef },
      payload,
    });
    return true;
  } catch (error) {
    // A notice that could not be sent must not undo the decision it is about.
    deps.logger.warn(
      `Could not notify ${entityRef} (${payload.title}): ${
        (error as Error).message
      }`,
    );
    return false;
  }
}

/** Tells the approver group that a request waits for them. */
export async function notifyApprovers(
  deps: NotifyDeps,
  request: RequestRecord,
): Promise<void> {
  await send(deps, request.approvers, {
    title: `${request.requestedBy} asks to ${request.operationType} ${request.environmentName} (${request.class})`,
    description: `Needs approval because ${request.reasons.join('; ')}.${
      request.reason ? ` Reason given: ${request.reason}` : ''
    }`,
    link: REQUESTS_PAGE,
    severity: request.tier === 'production' ? 'high' : 'normal',
    topic: 'paved-environment-requests',
  });
}

/** Tells the requester how their request ended; once, claimed in the store. */
export async function notifyRequester(
  deps: NotifyDeps & { requests: RequestStore },
  request: RequestRecord,
  now = new Date(),
): Promise<void> {
  if (request.state === 'pending') return;
  if (!(await deps.requests.claimNotice(request.id, now))) return;
  const by = request.decidedBy ? ` by ${request.decidedBy}` : '';
  await send(deps, request.requestedBy, {
    title: `Your request for ${request.environmentName} was ${request.state}${by}`,
    description:
      request.comment ??
      (request.state === 'approved'
        ? 'It is being provisioned.'
        : 'Nothing was provisioned.'),
    link: entityLink(request.entityRef),
    severity: request.state === 'rejected' ? 'high' : 'normal',
    topic: 'paved-environment-requests',
  });
}
