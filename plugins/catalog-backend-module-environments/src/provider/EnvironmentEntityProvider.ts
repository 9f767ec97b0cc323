import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  Environment,
  EnvironmentChangedEvent,
  environmentEntityRef,
  EnvironmentsApi,
  EnvironmentsClient,
  ENVIRONMENTS_EVENTS_TOPIC,
} from '@paved/plugin-environments-common';
import { randomUUID } from 'node:crypto';
import {
  environmentEntities,
  EnvironmentEntitiesOptions,
  environmentLocation,
  RemovedEntity,
} from './environmentEntities';
import { PAVED_ENVIRONMENTS_LOCATION_TYPE } from '../constants';

const PAGE_SIZE = 500;
/** Entities per transaction while a full read is published. */
const CHUNK_SIZE = 1000;

const ref = (deferred: DeferredEntity) => stringifyEntityRef(deferred.entity);

/**
 * Publishes the environments service's live environments, and their resources, as
 * catalog entities.
 *
 * - On a schedule it reads them all through the environments REST API and replaces what
 *   it published before (a full mutation): destroyed environments leave with their
 *   resources, and whatever an event missed is repaired.
 * - Between runs, an event on `paved.environments` (the environments backend publishes one
 *   whenever an environment changes, with or without an operation) makes it read that one
 *   environment again and apply the difference (a delta mutation), so a change shows in
 *   the catalog within seconds. Only the event's `environmentId` is needed (its
 *   `entityRef` and `name` too, to remove an environment the API no longer knows).
 *
 * Deltas are applied one at a time, in the order the events came, each with what the API
 * says at that moment; environments that change while a full read is under way are read
 * again after it, so the full mutation never leaves an older picture behind.
 */
export class EnvironmentEntityProvider implements EntityProvider {
  readonly #client: EnvironmentsApi;
  readonly #auth: AuthService;
  readonly #events: EventsService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #logger: LoggerService;
  #connection?: EntityProviderConnection;
  /** The tail of the queue of deltas. */
  #deltas: Promise<void> = Promise.resolve();
  /** The environments an event named while a full read is under way. */
  #changedDuringRefresh?: Set<string>;
  readonly #entityOptions: EnvironmentEntitiesOptions;

  constructor(options: {
    auth: AuthService;
    discovery: DiscoveryService;
    events: EventsService;
    taskRunner: SchedulerServiceTaskRunner;
    logger: LoggerService;
    /** Whose TechDocs the published entities show (`catalog.providers.pavedEnvironments.docsEntity`). */
    docsEntity?: string;
  }) {
    this.#entityOptions = { docsEntity: options.docsEntity };
    this.#client = new EnvironmentsClient({ discoveryApi: options.discovery });
    this.#auth = options.auth;
    this.#events = options.events;
    this.#taskRunner = options.taskRunner;
    this.#logger = options.logger.child({ target: this.getProviderName() });
  }

  getProviderName(): string {
    return PAVED_ENVIRONMENTS_LOCATION_TYPE;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#events.subscribe({
      id: this.getProviderName(),
      topics: [ENVIRONMENTS_EVENTS_TOPIC],
      onEvent: params => this.onEvent(params),
    });
    await this.#taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Reads every live environment and replaces what was published before. */
  async refresh(): Promise<void> {
    const logger = this.#logger.child({ taskInstanceId: randomUUID() });
    const connection = this.#connection;
    if (!connection) return;
    const changed = new Set<string>();
    this.#changedDuringRefresh = changed;
    try {
      const started = Date.now();
      const environments = await this.#readAll();
      const read = Date.now();
      const entities = this.#withoutDuplicates(environments, logger);
      // New and changed entities go in first, a chunk per transaction: the catalog starts
      // on the first while the rest are written, and no transaction holds tens of
      // thousands of rows (on a young catalog database, PostgreSQL then checks each row's
      // foreign keys with a plan made for an empty table, which grows quadratically).
      // The full mutation then takes out what is gone and finds the rest unchanged.
      for (let i = 0; i < entities.length; i += CHUNK_SIZE) {
        await connection.applyMutation({
          type: 'delta',
          added: entities.slice(i, i + CHUNK_SIZE),
          removed: [],
        });
      }
      await connection.applyMutation({ type: 'full', entities });
      logger.info(
        `Read ${environments.length} environments in ${
          read - started
        } ms, published them as ${entities.length} entities in ${
          Date.now() - read
        } ms`,
      );
    } catch (error) {
      logger.error(
        'Reading the environments failed; the catalog keeps what it had',
        error as Error,
      );
      return;
    } finally {
      this.#changedDuringRefresh = undefined;
    }
    await Promise.all([...changed].map(id => this.#enqueue(id)));
  }

  /** An event on `paved.environments`: read that environment again. */
  async onEvent(params: EventParams): Promise<void> {
    const payload = params.eventPayload as
      | Partial<EnvironmentChangedEvent>
      | undefined;
    if (typeof payload?.environmentId !== 'string') {
      this.#logger.warn(
        `Ignored an event on ${params.topic} without an environmentId`,
      );
      return;
    }
    this.#changedDuringRefresh?.add(payload.environmentId);
    await this.#enqueue(payload.environmentId, payload);
  }

  #enqueue(
    id: string,
    event?: Partial<EnvironmentChangedEvent>,
  ): Promise<void> {
    const run = this.#deltas.then(() => this.#applyDelta(id, event));
    this.#deltas = run;
    return run;
  }

  async #applyDelta(
    id: string,
    event?: Partial<EnvironmentChangedEvent>,
  ): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    try {
      let added: DeferredEntity[] = [];
      let removed: RemovedEntity[];
      try {
        const environment = await this.#client.getEnvironment(id, {
          token: await this.#token(),
        });
        ({ entities: added, gone: removed } = environmentEntities(
          environment,
          this.#entityOptions,
        ));
      } catch (error) {
        if (
          (error as { response?: { status?: number } }).response?.status !== 404
        )
          throw error;
        // Gone from the service altogether: take out what the event says it was; the next
        // full mutation takes out its resources.
        if (!event?.entityRef || !event.name) return;
        removed = [
          {
            entityRef: stringifyEntityRef(
              environmentEntityRef({
                entityRef: event.entityRef,
                name: event.name,
              }),
            ),
            locationKey: environmentLocation(id),
          },
        ];
      }
      await connection.applyMutation({ type: 'delta', added, removed });
    } catch (error) {
      this.#logger.warn(
        `Could not update environment ${id} in the catalog; the next full read will`,
        error as Error,
      );
    }
  }

  async #readAll(): Promise<Environment[]> {
    const environments: Environment[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#client.listEnvironments(
        { limit: PAGE_SIZE, cursor },
        { token: await this.#token() },
      );
      environments.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return environments;
  }

  /**
   * Two environments whose names make the same entity (`a` + `b-c` and `a-b` + `c`): the
   * older one is published and the other is reported, resources included.
   */
  #withoutDuplicates(
    environments: Environment[],
    logger: LoggerService,
  ): DeferredEntity[] {
    const byRef = new Map<string, DeferredEntity>();
    const oldestFirst = [...environments].sort(
      (a, b) =>
        a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    );
    for (const environment of oldestFirst) {
      const [self, ...resources] = environmentEntities(
        environment,
        this.#entityOptions,
      ).entities;
      for (const deferred of byRef.has(ref(self))
        ? [self]
        : [self, ...resources]) {
        const taken = byRef.get(ref(deferred));
        if (taken) {
          logger.warn(
            `Environment ${environment.id} is not published as ${ref(
              deferred,
            )}: the entity of ${taken.locationKey} has that name`,
          );
          continue;
        }
        byRef.set(ref(deferred), deferred);
      }
    }
    return [...byRef.values()];
  }

  async #token(): Promise<string> {
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'environments',
    });
    return token;
  }
}
