import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  EnvironmentChangedEvent,
  ENVIRONMENTS_EVENTS_TOPIC,
  EnvironmentStatus,
} from '@paved/plugin-environments-common';
import {
  EnvironmentsStore,
  iso,
  OperationRow,
} from '../database/EnvironmentsStore';

/**
 * Tells the rest of Backstage, through the events service, that an environment changed,
 * whatever changed it:
 *
 * - the operations engine, when it claims an operation and when it is done with it
 *   (ready, failed, retrying, destroyed): {@link EnvironmentEvents.operationChanged};
 * - the service, when it queues an operation (create, add resources, destroy, retry: the
 *   status moves before any worker claims it) or records an `extend` (the expiry moves and
 *   no worker ever claims it);
 * - the reconciler, when a baseline finding degrades an environment, when it is ready
 *   again, and when it queues a restore: {@link EnvironmentEvents.environmentChanged}.
 *
 * The catalog module turns these into entity updates within seconds. Each event carries
 * the environment as it is when the event is built, so a late event never brings back an
 * older picture than the one before it.
 *
 * Publishing never holds up or fails the change: a lost event is repaired by the catalog
 * module's scheduled full read.
 */
export class EnvironmentEvents {
  constructor(
    private readonly options: {
      events: EventsService;
      store: EnvironmentsStore;
      logger: LoggerService;
    },
  ) {}

  /** The operations engine's hook; returns at once. */
  operationChanged = (operation: OperationRow): void => {
    this.environmentChanged(operation.environment_id, operation.id);
  };

  /**
   * An environment changed, by the given operation or by none (the reconciler's status
   * changes); returns at once.
   */
  environmentChanged = (environmentId: string, operationId?: string): void => {
    this.publish(environmentId, operationId).catch(error =>
      this.options.logger.warn(
        `Could not publish the change of environment ${environmentId}`,
        error,
      ),
    );
  };

  private async publish(
    environmentId: string,
    operationId: string | undefined,
  ): Promise<void> {
    const { store, events } = this.options;
    const [environment, operation] = await Promise.all([
      store.getEnvironmentRow(environmentId),
      operationId ? store.getOperation(operationId) : undefined,
    ]);
    if (!environment) return;
    const expiresAt = iso(environment.expires_at);
    const eventPayload: EnvironmentChangedEvent = {
      environmentId: environment.id,
      entityRef: environment.entity_ref,
      name: environment.name,
      status: environment.status as EnvironmentStatus,
      ...(expiresAt && { expiresAt }),
      ...(operation && {
        operation: {
          id: operation.id,
          type: operation.type,
          state: operation.state,
        },
      }),
    };
    await events.publish({ topic: ENVIRONMENTS_EVENTS_TOPIC, eventPayload });
  }
}
