import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { ResourceOutputs } from '@paved/plugin-environments-common';
import {
  ApplyRequest,
  ApplyResult,
  DestroyRequest,
  ObserveRequest,
  ResourceObservation,
  ResourceProvider,
} from '@paved/plugin-environments-node';
import { Pool, PoolClient } from 'pg';
import { EmbeddedPostgresServer } from './embedded/EmbeddedPostgresServer';
import { postgresBaselineRules } from './baselines';
import { postgresConnectionString } from './connectionString';
import { toProviderError } from './errors';
import { ownershipMarker, physicalNames } from './naming';
import { applyDatabase } from './provisioning/applyDatabase';
import { destroyDatabase } from './provisioning/destroyDatabase';
import { observeDatabases } from './provisioning/observeDatabases';
import {
  extensionWindow,
  readExtensions,
} from './provisioning/observeExtensions';
import {
  DEFAULT_EXTENSION_WINDOW,
  readExtensionWindow,
  readPostgresTargets,
} from './readPostgresTargets';
import { POSTGRES_DATABASE } from './resourceType';
import { generatePassword, scramSha256Verifier } from './scram';
import { validatePostgresSpec } from './spec';
import { PostgresTarget, startTargets } from './startTargets';

export type { PostgresTarget } from './startTargets';

/** @public */
export interface PostgresProviderOptions {
  targets: PostgresTarget[];
  /** For what happens outside a request: lost idle connections, embedded servers. */
  logger: LoggerService;
  /**
   * Databases per target whose extensions each `observe` reads, a window that moves on
   * every call (default 20; 0 reads none). See the README for the trade-off.
   */
  extensionWindow?: number;
}

/** Provisioning is a trickle of small statements; a few connections per target suffice. */
const POOL_SIZE = 4;

/**
 * Provisions `postgres-database` resources: one database per resource, owned by a login
 * role of its own, on one of the configured PostgreSQL targets.
 *
 * @public
 */
export class PostgresProvider implements ResourceProvider {
  readonly resourceType = POSTGRES_DATABASE;
  readonly providerId = 'postgres';
  readonly baselineRules = postgresBaselineRules;

  readonly #targets: Map<string, PostgresTarget & { pool: Pool }>;
  readonly #servers: EmbeddedPostgresServer[];
  readonly #extensionWindow: number;
  /** Per target, the last database whose extensions were read: the next window starts after it. */
  readonly #windowEnds = new Map<string, string>();

  /** Reads the targets from config and starts the embedded servers among them. */
  static async fromConfig(
    config: Config,
    options: { logger: LoggerService },
  ): Promise<PostgresProvider> {
    const extensionWindowSize = readExtensionWindow(config);
    const { targets, servers } = await startTargets(
      readPostgresTargets(config),
      options.logger,
    );
    return new PostgresProvider(
      {
        targets,
        logger: options.logger,
        extensionWindow: extensionWindowSize,
      },
      servers,
    );
  }

  static create(options: PostgresProviderOptions): PostgresProvider {
    return new PostgresProvider(options, []);
  }

  private constructor(
    options: PostgresProviderOptions,
    servers: EmbeddedPostgresServer[],
  ) {
    this.#servers = servers;
    this.#extensionWindow = options.extensionWindow ?? DEFAULT_EXTENSION_WINDOW;
    this.#targets = new Map(
      options.targets.map(target => {
        const pool = new Pool({
          ...target.connection,
          max: POOL_SIZE,
          connectionTimeoutMillis: 10_000,
          idleTimeoutMillis: 30_000,
          application_name: 'paved-environments',
        });
        // An idle connection that breaks must not take the backend down with it.
        pool.on('error', error =>
          options.logger.warn(
            `Lost an idle connection to PostgreSQL target "${target.name}": ${error.message}`,
          ),
        );
        return [target.name, { ...target, pool }];
      }),
    );
  }

  getTargets(): string[] {
    return [...this.#targets.keys()];
  }

  validateSpec(spec: unknown): JsonObject {
    return validatePostgresSpec(spec);
  }

  async apply(request: ApplyRequest): Promise<ApplyResult> {
    const target = this.#target(request.target);
    const names = physicalNames(request.resource);
    const spec = validatePostgresSpec(request.spec);
    // Without the stored secret the current password is unknown, so a new one is set.
    const password = request.secret ?? generatePassword();
    const verifier = await scramSha256Verifier(password);

    await this.#withClient(
      target,
      `Provisioning database ${names.database}`,
      [password, verifier],
      client =>
        applyDatabase({
          client,
          names,
          marker: ownershipMarker(request.resource),
          spec,
          verifier,
          passwordKept: request.secret !== undefined,
          target: target.name,
          logger: request.logger,
          signal: request.signal,
        }),
    );
    return {
      outputs: {
        host: target.connection.host,
        port: target.connection.port,
        database: names.database,
        user: names.role,
      },
      secret: password,
    };
  }

  async destroy(request: DestroyRequest): Promise<void> {
    const target = this.#target(request.target);
    const names = physicalNames(request.resource);
    await this.#withClient(
      target,
      `Dropping database ${names.database}`,
      [],
      client =>
        destroyDatabase({
          client,
          names,
          marker: ownershipMarker(request.resource),
          target: target.name,
          logger: request.logger,
          signal: request.signal,
        }),
    );
  }

  /**
   * Everything but the extensions of every resource, in one statement for the whole
   * batch; then the extensions of a window of at most `extensionWindow` of its databases,
   * one statement each, the window moving on with every call. So a pass costs 1 + K
   * statements per target however many resources there are, and a database's extensions
   * are read at least every ceil(n / K) passes; the other observations name `extensions`
   * as unobserved, and the reconciler keeps what it saw last for them.
   *
   * The window's position lives in this process: when the reconciler runs on another
   * replica, that replica's window moves on from where it was there.
   */
  async observe(request: ObserveRequest): Promise<ResourceObservation[]> {
    const target = this.#target(request.target);
    const resources = request.resources.map(({ resource }) => ({
      id: resource.id,
      names: physicalNames(resource),
      marker: ownershipMarker(resource),
    }));
    let observations: ResourceObservation[];
    try {
      observations = await observeDatabases(
        target.pool,
        resources,
        target.name,
      );
    } catch (error) {
      throw toProviderError(error, {
        action: `Observing ${resources.length} resources`,
        target: target.name,
      });
    }

    const existing = resources
      .filter((_, index) => observations[index].exists)
      .map(r => r.names.database);
    const window = extensionWindow(
      existing,
      this.#windowEnds.get(target.name),
      this.#extensionWindow,
    );
    if (window.length) this.#windowEnds.set(target.name, window.at(-1)!);
    const extensions = await readExtensions(
      target.connection,
      window,
      request.logger,
    );
    return observations.map((observation, index) => {
      if (!observation.exists) return observation;
      const installed = extensions.get(resources[index].names.database);
      return installed
        ? {
            ...observation,
            observed: { ...observation.observed, extensions: installed },
          }
        : { ...observation, unobserved: ['extensions'] };
    });
  }

  connectionString(outputs: ResourceOutputs, secret: string): string {
    return postgresConnectionString(outputs, secret);
  }

  /** Closes the connections and stops the embedded servers. */
  async close(): Promise<void> {
    await Promise.all([...this.#targets.values()].map(t => t.pool.end()));
    await Promise.all(this.#servers.map(server => server.stop()));
  }

  #target(name: string) {
    const target = this.#targets.get(name);
    if (!target) {
      throw new InputError(
        `"${name}" is not a target of the postgres provider (targets: ${
          this.getTargets().join(', ') || 'none'
        }); see environments.providers.postgres.targets`,
      );
    }
    return target;
  }

  async #withClient(
    target: PostgresTarget & { pool: Pool },
    action: string,
    secrets: string[],
    fn: (client: PoolClient) => Promise<void>,
  ): Promise<void> {
    let client: PoolClient | undefined;
    let failed = false;
    try {
      client = await target.pool.connect();
      await fn(client);
    } catch (error) {
      failed = true;
      throw toProviderError(error, { action, target: target.name, secrets });
    } finally {
      // After a failure the session may be broken or mid-transaction: don't reuse it.
      client?.release(failed);
    }
  }
}
