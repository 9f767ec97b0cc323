import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { EnvironmentRecord } from '../database/EnvironmentsStore';
import { entityLink } from './entityLink';

/**
 * Tells an environment's owner group something, linking to the entity the environment
 * belongs to. A notice that could not be sent is logged: it must not stop the work that
 * wanted to send it.
 */
export async function notifyOwner(
  deps: { notifications: NotificationService; logger: LoggerService },
  environment: EnvironmentRecord,
  payload: Omit<NotificationSendOptions['payload'], 'link'>,
): Promise<void> {
  try {
    await deps.notifications.send({
      recipients: { type: 'entity', entityRef: environment.owner },
      payload: { ...payload, link: entityLink(environment.entityRef) },
    });
  } catch (error) {
    deps.logger.warn(
      `Could not notify ${environment.owner} about ${environment.name} (${
        payload.title
      }): ${(error as Error).message}`,
    );
  }
}
