import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  EnvironmentChangedEvent,
  ENVIRONMENTS_EVENTS_TOPIC,
} from '@paved/plugin-environments-common';
import { EnvironmentsStore } from '../database/EnvironmentsStore';

/**
 * Tells the rest of Backstage, through the events service, that an environment changed:
 * the lifecycle calls it after every status change it writes, whoever asked for it (a user,
 * the operations engine, the reconciler), and after an `extend`, which moves the expiry.
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

  /** An environment changed, by the given operation or by none; returns at once. */
  environmentChanged(environmentId: string, operationId?: string): void {
    this.publish(environmentId, operationId).catch(error =>
      this.options.logger.warn(
        `Could not publish the change of environment ${environmentId}`,
        error,
      ),
    );
  }

  private async publish(
    environmentId: string,
    operationId: string | undefined,
  ): Promise<void> {
    const { store, events } = this.options;
    const [environment, operation] = await Promise.all([
      store.environments.getRecord(environmentId),
      operationId ? store.operations.getOperation(operationId) : undefined,
    ]);
    if (!environment) return;
    const expiresAt = environment.expiresAt;
    const eventPayload: EnvironmentChangedEvent = {
      environmentId: environment.id,
      entityRef: environment.entityRef,
      name: environment.name,
      status: environment.status,
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
