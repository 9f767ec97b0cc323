import { LoggerService } from '@backstage/backend-plugin-api';
import crypto from 'node:crypto';
import {
  ClaimedOperation,
  EnvironmentRecord,
  EnvironmentsStore,
  ResourceRecord,
} from '../database/EnvironmentsStore';
import { EnvironmentLifecycle, Lease } from '../lifecycle/EnvironmentLifecycle';
import { WorkSignal } from '../lifecycle/WorkSignal';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { SecretBox } from '../secrets/SecretBox';
import { providerOperation, provisioned } from './providerRequests';
import {
  isPending,
  nextAttemptAt,
  recordingWhilePending,
} from './waitingProvider';

export interface OperationsEngineOptions {
  store: EnvironmentsStore;
  lifecycle: EnvironmentLifecycle;
  signal: WorkSignal;
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
  private readonly retries: {
    maxAttempts: number;
    backoffMs: (attempt: number) => number;
  };
  private running = false;
  private loop?: Promise<void>;

  constructor(private readonly options: OperationsEngineOptions) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 2_000;
    this.retries = {
      maxAttempts: options.maxAttempts ?? 8,
      backoffMs:
        options.backoffMs ??
        (attempt => Math.min(1000 * 2 ** (attempt - 1), 300_000)),
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.options.signal.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.options.logger.error(
          'Operations engine pass failed',
          error as Error,
        );
      }
      if (!worked && this.running) await this.options.signal.wait(this.pollMs);
    }
  }

  /** Claims and carries out one operation; false when there was nothing to do. */
  async runOnce(): Promise<boolean> {
    const operation = await this.options.lifecycle.claimNext(
      this.workerId,
      this.leaseMs,
    );
    if (!operation) return false;
    await this.execute(operation);
    return true;
  }

  private async execute(operation: ClaimedOperation): Promise<void> {
    const { store, lifecycle, logger } = this.options;
    const log = logger.child({
      operationId: operation.id,
      operation: operation.type,
    });
    const lease: Lease = { operationId: operation.id, workerId: this.workerId };
    const abort = new AbortController();
    const heartbeat = setInterval(() => {
      store.operations
        .renewLease(operation.id, this.workerId, this.leaseMs)
        .then(
          held => held || abort.abort(),
          () => abort.abort(),
        );
    }, Math.max(this.leaseMs / 3, 50));

    try {
      const environment = await store.environments.getRecord(
        operation.environmentId,
      );
      if (!environment) throw new Error('The environment no longer exists');
      const resources = await store.environments.listResources(environment.id);
      if (operation.type === 'destroy') {
        await this.destroyAll(
          environment,
          resources,
          operation,
          lease,
          abort.signal,
          log,
        );
      } else {
        await this.applyAll(
          environment,
          resources,
          operation,
          lease,
          abort.signal,
          log,
        );
      }
      if (!(await lifecycle.succeeded(operation, this.workerId)))
        throw new LeaseLostError();
      log.info(`Operation ${operation.type} on ${environment.name} succeeded`);
    } catch (error) {
      if (error instanceof LeaseLostError || abort.signal.aborted) {
        log.warn(
          'Lost the lease on the operation; another worker takes it over',
        );
        return;
      }
      await this.fail(operation, error as Error, log);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async applyAll(
    environment: EnvironmentRecord,
    resources: ResourceRecord[],
    operation: ClaimedOperation,
    lease: Lease,
    signal: AbortSignal,
    logger: LoggerService,
  ) {
    const { providers, secrets } = this.options;
    for (const resource of resources) {
      if (resource.status === 'ready' || resource.status === 'destroyed')
        continue;
      if (operation.resourceId && operation.resourceId !== resource.id)
        continue;
      const provider = providers.get(resource.type);
      if (!provider)
        throw new Error(`No provider is installed for ${resource.type}`);
      await this.progress(resource, 'provisioning', lease);
      const result = await recordingWhilePending(
        () =>
          provider.apply({
            target: resource.target,
            resource: provisioned(environment, resource),
            spec: resource.spec,
            secret: resource.secret ? secrets.open(resource.secret) : undefined,
            operation: providerOperation(operation),
            signal,
            logger,
          }),
        outputs => this.progress(resource, 'provisioning', lease, { outputs }),
      );
      await this.progress(resource, 'ready', lease, {
        outputs: result.outputs,
        secret: result.secret
          ? secrets.seal(result.secret)
          : resource.secret ?? null,
      });
    }
  }

  private async destroyAll(
    environment: EnvironmentRecord,
    resources: ResourceRecord[],
    operation: ClaimedOperation,
    lease: Lease,
    signal: AbortSignal,
    logger: LoggerService,
  ) {
    for (const resource of resources) {
      if (resource.status === 'destroyed') continue;
      const provider = this.options.providers.get(resource.type);
      if (!provider)
        throw new Error(`No provider is installed for ${resource.type}`);
      await this.progress(resource, 'destroying', lease);
      await recordingWhilePending(
        () =>
          provider.destroy({
            target: resource.target,
            resource: provisioned(environment, resource),
            spec: resource.spec,
            operation: providerOperation(operation),
            signal,
            logger,
          }),
        outputs => this.progress(resource, 'destroying', lease, { outputs }),
      );
      await this.progress(resource, 'destroyed', lease, { secret: null });
    }
  }

  /** Writes progress only while the lease is ours. */
  private async progress(
    resource: ResourceRecord,
    to: ResourceRecord['status'],
    lease: Lease,
    result?: { outputs?: object; secret?: string | null },
  ) {
    if (
      !(await this.options.lifecycle.setResourceStatus(
        resource,
        to,
        lease,
        result,
      ))
    ) {
      throw new LeaseLostError();
    }
  }

  private async fail(
    operation: ClaimedOperation,
    error: Error,
    logger: LoggerService,
  ) {
    const pending = isPending(error);
    const retryAt = nextAttemptAt(error, operation.attempts, this.retries);
    const retry = Boolean(retryAt);
    const message = error.message;
    let reason = message;
    if (retryAt && !pending) {
      reason = `Retrying: ${message} (attempt ${operation.attempts} of ${
        this.retries.maxAttempts
      } failed; next at ${retryAt.toISOString()})`;
    }
    logger.warn(
      `Operation ${operation.type} ${
        retry ? 'will be retried' : 'failed'
      }: ${message}`,
    );
    await this.options.lifecycle.failed(operation, this.workerId, {
      error: message,
      reason,
      retryAt,
      waiting: pending,
    });
  }
}
