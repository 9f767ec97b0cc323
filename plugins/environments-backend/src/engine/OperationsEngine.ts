import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { ProvisionedResource } from '@paved/plugin-environments-node';
import crypto from 'node:crypto';
import {
  EnvironmentRow,
  EnvironmentsStore,
  OperationRow,
  ResourceRow,
  toTimestamp,
} from '../database/EnvironmentsStore';
import { ProviderRegistry } from '../services/ProviderRegistry';
import { SecretBox } from '../services/SecretBox';

export interface OperationsEngineOptions {
  store: EnvironmentsStore;
  providers: ProviderRegistry;
  secrets: SecretBox;
  logger: LoggerService;
  /** How long a claim holds before another worker may take the operation over. */
  leaseMs?: number;
  pollMs?: number;
  /** Attempts for failures that may pass (target down) before the operation fails. */
  maxAttempts?: number;
  /** Delay before retry number n; doubles from one second, at most five minutes. */
  backoffMs?: (attempt: number) => number;
  /**
   * Told when this worker claims an operation and again when it is done with it, so the
   * environment's change can be published. Must return at once.
   */
  onOperationChange?: (operation: OperationRow) => void;
}

class LeaseLostError extends Error {}

/**
 * Carries out queued operations. Every backend replica runs one; a claim is a lease on
 * the operation's row, renewed while the provider works, so a crashed worker's operation
 * is taken over by another once the lease runs out. Operations of one environment run one
 * at a time, in the order they were asked for.
 */
export class OperationsEngine {
  readonly workerId = `worker-${crypto.randomUUID()}`;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;

  constructor(private readonly options: OperationsEngineOptions) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 2_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoffMs =
      options.backoffMs ?? (attempt => Math.min(1000 * 2 ** (attempt - 1), 300_000));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  /** Look for work now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.options.logger.error('Operations engine pass failed', error as Error);
      }
      if (!worked && this.running) {
        await new Promise<void>(resolve => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = undefined;
      }
    }
  }

  /** Claims and carries out one operation; false when there was nothing to do. */
  async runOnce(): Promise<boolean> {
    const operation = await this.claim();
    if (!operation) return false;
    this.options.onOperationChange?.(operation);
    await this.execute(operation);
    this.options.onOperationChange?.(operation);
    return true;
  }

  private async claim(): Promise<OperationRow | undefined> {
    const { db, isPostgres } = this.options.store;
    const now = new Date();
    const nowTs = toTimestamp(now);
    const result = await db.raw(
      `UPDATE operations
          SET state = 'running', lease_owner = ?, lease_expires_at = ?,
              attempts = attempts + 1, started_at = COALESCE(started_at, ?)
        WHERE id = (
          SELECT o.id FROM operations o
           WHERE ((o.state = 'queued' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?))
               OR (o.state = 'running' AND o.lease_expires_at < ?))
             AND NOT EXISTS (
               SELECT 1 FROM operations p
                WHERE p.environment_id = o.environment_id
                  AND p.state IN ('queued', 'running')
                  AND (p.created_at < o.created_at OR (p.created_at = o.created_at AND p.id < o.id)))
           ORDER BY o.created_at, o.id
           LIMIT 1
           ${isPostgres ? 'FOR UPDATE SKIP LOCKED' : ''})
        RETURNING *`,
      [
        this.workerId,
        toTimestamp(new Date(now.getTime() + this.leaseMs)),
        nowTs,
        nowTs,
        nowTs,
      ],
    );
    const rows: OperationRow[] = isPostgres ? result.rows : result;
    return rows[0];
  }

  private async execute(operation: OperationRow): Promise<void> {
    const { store, logger } = this.options;
    const log = logger.child({ operationId: operation.id, operation: operation.type });
    const abort = new AbortController();
    const heartbeat = setInterval(() => {
      this.renewLease(operation.id).catch(() => abort.abort());
    }, Math.max(this.leaseMs / 3, 50));

    try {
      const environment = await store.getEnvironmentRow(operation.environment_id);
      if (!environment) throw new Error('The environment no longer exists');
      const resources = await store.getResourceRows(environment.id);
      if (operation.type === 'destroy') {
        await this.destroyAll(environment, resources, abort.signal, log);
        await this.finish(operation.id, async tx => {
          await tx('environments').where({ id: environment.id }).update({
            status: 'destroyed',
            status_reason: null,
            destroyed_at: toTimestamp(new Date()),
            updated_at: toTimestamp(new Date()),
          });
        });
      } else {
        await this.applyAll(environment, resources, operation, abort.signal, log);
        await this.finish(operation.id, async tx => {
          await tx('environments').where({ id: environment.id }).update({
            status: 'ready',
            status_reason: null,
            updated_at: toTimestamp(new Date()),
          });
        });
      }
      log.info(`Operation ${operation.type} on ${environment.name} succeeded`);
    } catch (error) {
      if (error instanceof LeaseLostError || abort.signal.aborted) {
        log.warn('Lost the lease on the operation; another worker takes it over');
        return;
      }
      await this.fail(operation, error as Error, log);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async applyAll(
    environment: EnvironmentRow,
    resources: ResourceRow[],
    operation: OperationRow,
    signal: AbortSignal,
    logger: LoggerService,
  ) {
    const { store, providers, secrets } = this.options;
    for (const resource of resources) {
      if (resource.status === 'ready' || resource.status === 'destroyed') continue;
      if (operation.resource_id && operation.resource_id !== resource.id) continue;
      const provider = providers.get(resource.type);
      if (!provider) throw new Error(`No provider is installed for ${resource.type}`);
      await this.guarded(operation.id, () =>
        store.updateResource(resource.id, { status: 'provisioning', status_reason: null }),
      );
      const result = await provider.apply({
        target: resource.target,
        resource: provisioned(environment, resource),
        spec: JSON.parse(resource.spec) as JsonObject,
        secret: resource.secret ? secrets.open(resource.secret) : undefined,
        signal,
        logger,
      });
      await this.guarded(operation.id, () =>
        store.updateResource(resource.id, {
          status: 'ready',
          status_reason: null,
          outputs: JSON.stringify(result.outputs),
          secret: result.secret ? secrets.seal(result.secret) : resource.secret,
        }),
      );
    }
  }

  private async destroyAll(
    environment: EnvironmentRow,
    resources: ResourceRow[],
    signal: AbortSignal,
    logger: LoggerService,
  ) {
    const { store, providers } = this.options;
    for (const resource of resources) {
      if (resource.status === 'destroyed') continue;
      const provider = providers.get(resource.type);
      if (!provider) throw new Error(`No provider is installed for ${resource.type}`);
      await store.updateResource(resource.id, { status: 'destroying', status_reason: null });
      await provider.destroy({
        target: resource.target,
        resource: provisioned(environment, resource),
        signal,
        logger,
      });
      await store.updateResource(resource.id, {
        status: 'destroyed',
        status_reason: null,
        secret: null,
      });
    }
  }

  private async fail(operation: OperationRow, error: Error, logger: LoggerService) {
    const transient = error.name === 'TransientProviderError';
    const now = new Date();
    const retry = transient && operation.attempts < this.maxAttempts;
    const message = error.message;
    const nextAttemptAt = retry
      ? new Date(now.getTime() + this.backoffMs(operation.attempts))
      : undefined;
    const reason = retry
      ? `Retrying: ${message} (attempt ${operation.attempts} of ${this.maxAttempts} failed; next at ${nextAttemptAt!.toISOString()})`
      : message;
    logger.warn(`Operation ${operation.type} ${retry ? 'will be retried' : 'failed'}: ${message}`);
    const inProgress = operation.type === 'destroy' ? 'destroying' : 'provisioning';
    await this.finish(
      operation.id,
      async tx => {
        await tx('environments').where({ id: operation.environment_id }).update({
          status: retry ? inProgress : 'failed',
          status_reason: reason,
          updated_at: toTimestamp(now),
        });
        await tx('resources')
          .where({ environment_id: operation.environment_id })
          .whereIn('status', ['provisioning', 'destroying'])
          .update({
            ...(retry ? {} : { status: 'failed' }),
            status_reason: reason,
            updated_at: toTimestamp(now),
          });
      },
      retry
        ? { state: 'queued', error: message, next_attempt_at: toTimestamp(nextAttemptAt!) }
        : { state: 'failed', error: message },
    );
  }

  /**
   * Ends the operation and applies its effects in one transaction, but only while this
   * worker still holds the lease: a worker that was presumed dead must not overwrite the
   * one that took over.
   */
  private async finish(
    operationId: string,
    effects: (tx: import('knex').Knex.Transaction) => Promise<void>,
    outcome: Partial<OperationRow> = { state: 'succeeded', error: null },
  ) {
    await this.options.store.transaction(async tx => {
      const done = outcome.state === 'succeeded' || outcome.state === 'failed';
      const updated = await tx('operations')
        .where({ id: operationId, lease_owner: this.workerId })
        .update({
          ...outcome,
          lease_owner: null,
          lease_expires_at: null,
          finished_at: done ? toTimestamp(new Date()) : null,
        });
      if (updated === 0) throw new LeaseLostError();
      await effects(tx);
    });
  }

  private async renewLease(operationId: string): Promise<void> {
    const updated = await this.options.store.db('operations')
      .where({ id: operationId, lease_owner: this.workerId, state: 'running' })
      .update({ lease_expires_at: toTimestamp(new Date(Date.now() + this.leaseMs)) });
    if (updated === 0) throw new LeaseLostError();
  }

  /** Writes progress only while the lease is ours. */
  private async guarded(operationId: string, write: () => Promise<void>) {
    const row = await this.options.store.db('operations')
      .where({ id: operationId, lease_owner: this.workerId })
      .first('id');
    if (!row) throw new LeaseLostError();
    await write();
  }
}

export function provisioned(environment: EnvironmentRow, resource: ResourceRow): ProvisionedResource {
  return {
    id: resource.id,
    name: resource.name,
    environmentName: environment.name,
    entityRef: environment.entity_ref,
  };
}
