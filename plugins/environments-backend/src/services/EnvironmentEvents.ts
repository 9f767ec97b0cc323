import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  EnvironmentChangedEvent,
  ENVIRONMENTS_EVENTS_TOPIC,
  EnvironmentStatus,
  OperationType,
} from '@paved/plugin-environments-common';
import { EnvironmentsStore, OperationRow } from '../database/EnvironmentsStore';

/**
 * Tells the rest of Backstage, through the events service, that an environment changed:
 * every status change goes through an operation, so the operations engine reports when it
 * claims one (a new environment starts provisioning, a destroy starts) and when it is done
 * with it (ready, failed, retrying, destroyed). The catalog module turns these into entity
 * updates within seconds.
 *
 * Publishing never holds up or fails the operation: a lost event is repaired by the
 * catalog module's scheduled full read.
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
    this.publish(operation).catch(error =>
      this.options.logger.warn(
        `Could not publish the change of environment ${operation.environment_id}`,
        error,
      ),
    );
  };

  private async publish(changed: OperationRow): Promise<void> {
    const { store, events } = this.options;
    const [environment, operation] = await Promise.all([
      store.getEnvironmentRow(changed.environment_id),
      store.getOperation(changed.id),
    ]);
    if (!environment || !operation) return;
    const eventPayload: EnvironmentChangedEvent = {
      environmentId: environment.id,
      entityRef: environment.entity_ref,
      name: environment.name,
      status: environment.status as EnvironmentStatus,
      operation: {
        id: operation.id,
        type: operation.type as OperationType,
        state: operation.state,
      },
    };
    await events.publish({ topic: ENVIRONMENTS_EVENTS_TOPIC, eventPayload });
  }
}
