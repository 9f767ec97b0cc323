import { ResourceStatus } from '@paved/plugin-environments-common';
import {
  ChangeStore,
  ClaimedOperation,
  EnvironmentRecord,
  EnvironmentsStore,
  NewOperation,
  NewResource,
  ResourceRecord,
  WriteResult,
} from '../database/EnvironmentsStore';
import {
  DecisionResult,
  NewApprovalRequest,
  RequestDecisionChange,
  RequestStore,
} from '../database/RequestStore';
import { EnvironmentEvents } from './EnvironmentEvents';
import {
  assertResourceTransition,
  decisionStatus,
  ENVIRONMENT_CHANGES,
  EnvironmentChange,
} from './transitions';
import { WorkSignal } from './WorkSignal';

/** Changes that queue an operation for the engine. */
export type QueuedChange = Extract<
  EnvironmentChange,
  'addResources' | 'destroy' | 'retryUpdate' | 'retryDestroy' | 'restore'
>;

/** What a failed operation does to its environment: retried later, or failed for good. */
const FAILURES = {
  destroy: { retry: 'retryingDestroy', fail: 'destroyFailed' },
  update: { retry: 'retryingUpdate', fail: 'updateFailed' },
} as const satisfies Record<
  string,
  Record<'retry' | 'fail', EnvironmentChange>
>;

/** Whose lease a worker's write is made under. */
export interface Lease {
  operationId: string;
  workerId: string;
}

/**
 * Every status change of an environment, its resources and its operations goes through
 * here: it is checked against the allowed transitions, written (guarded, so racing writers
 * cannot both win), published on `paved.environments`, and, when work was queued, the
 * local operations engine is woken.
 */
export class EnvironmentLifecycle {
  private readonly changes: ChangeStore;

  constructor(
    private readonly deps: {
      store: EnvironmentsStore;
      signal: WorkSignal;
      events?: EnvironmentEvents;
    },
  ) {
    this.changes = deps.store.changes;
  }

  /**
   * A new environment, provisioning, with its create queued (with a `request`, awaiting
   * approval, nothing queued). `readBack` reads the answer once written and before the
   * engine is woken, so the answer shows the operation as queued, not half done.
   */
  async create<T>(
    change: {
      environment: Omit<EnvironmentRecord, 'status' | 'statusReason'>;
      resources: NewResource[];
      operation: NewOperation;
      idempotency?: { principal: string; key: string; requestHash: string };
      request?: NewApprovalRequest;
      now: Date;
    },
    readBack: () => Promise<T>,
  ): Promise<{ result: WriteResult; answer?: T }> {
    const waits = Boolean(change.request);
    const result = await this.changes.createEnvironment({
      ...change,
      environment: {
        ...change.environment,
        status: ENVIRONMENT_CHANGES[waits ? 'request' : 'create'].to,
      },
      operation: waits
        ? { ...change.operation, state: 'awaiting-approval' }
        : change.operation,
    });
    if (result !== 'written') return { result };
    const answer = await readBack();
    if (waits) this.publish(change.environment.id, change.operation.id);
    else this.queued(change.environment.id, change.operation.id);
    return { result, answer };
  }

  /** An update that waits for approval: its operation is recorded, nothing is queued. */
  async awaitApproval(
    change: Omit<Parameters<RequestStore['openForUpdate']>[0], 'liveStatuses'>,
  ): Promise<'written' | 'refused'> {
    const result = await this.deps.store.requests.openForUpdate({
      ...change,
      liveStatuses: ENVIRONMENT_CHANGES.addResources.from,
      operation: { ...change.operation, state: 'awaiting-approval' },
    });
    if (result === 'written') this.publish(change.environmentId);
    return result;
  }

  /** Decides a pending request: approved, its operation is queued (see decisionStatus). */
  async decide(
    decision: Omit<RequestDecisionChange, 'status'> & { operationType: string },
  ): Promise<DecisionResult> {
    const { operationType, ...change } = decision;
    const approved = change.state === 'approved';
    const status = decisionStatus(approved, operationType, change.error);
    const result = await this.deps.store.requests.decide({ ...change, status });
    if (result !== 'decided') return result;
    if (approved) this.queued(change.environmentId, change.operationId);
    else this.publish(change.environmentId, change.operationId);
    return result;
  }

  /**
   * Queues an operation with the status change it brings; `refused` when not allowed now.
   * `readBack`, as for {@link EnvironmentLifecycle.create}.
   */
  async queue<T = undefined>(
    change: QueuedChange,
    request: {
      environmentId: string;
      operation: NewOperation;
      reason?: string;
      newResources?: NewResource[];
      pendingResourceIds?: { ids: string[]; reason: string };
      now: Date;
    },
    readBack?: () => Promise<T>,
  ): Promise<{ result: WriteResult; answer?: T }> {
    const { from, to } = ENVIRONMENT_CHANGES[change];
    const { reason, ...rest } = request;
    const result = await this.changes.queueOperation({
      ...rest,
      status: { from, to, reason },
      whenIdle: change === 'restore',
    });
    if (result !== 'written') return { result };
    const answer = await readBack?.();
    this.queued(request.environmentId, request.operation.id);
    return { result, answer };
  }

  /** A new expiry; the `extend` is recorded as done, since no worker carries it out. */
  async extend(change: {
    environmentId: string;
    expiresAt: Date;
    operation: NewOperation;
    now: Date;
  }): Promise<void> {
    await this.changes.extendExpiry({
      ...change,
      operation: { ...change.operation, state: 'succeeded' },
    });
    this.publish(change.environmentId, change.operation.id);
  }

  /** The reconciler's verdict: degraded by open findings (with why), or ready again. */
  async setHealth(
    environment: EnvironmentRecord,
    change: 'degrade' | 'recover',
    reason: string | undefined,
    now: Date,
  ): Promise<boolean> {
    const { from, to } = ENVIRONMENT_CHANGES[change];
    const moved = await this.changes.setEnvironmentStatus(
      environment.id,
      { from, to, reason },
      now,
    );
    if (moved) this.publish(environment.id);
    return moved;
  }

  /** A worker's claim on the next operation. */
  async claimNext(
    workerId: string,
    leaseMs: number,
  ): Promise<ClaimedOperation | undefined> {
    const operation = await this.deps.store.operations.claimNextOperation(
      workerId,
      leaseMs,
      new Date(),
    );
    if (operation) this.publish(operation.environmentId, operation.id);
    return operation;
  }

  /** A resource's progress under an operation; false when the lease was lost. */
  async setResourceStatus(
    resource: ResourceRecord,
    to: ResourceStatus,
    lease: Lease,
    result: { outputs?: object; secret?: string | null } = {},
  ): Promise<boolean> {
    assertResourceTransition(resource, to);
    const written = await this.changes.setResourceStatus({
      resourceId: resource.id,
      status: to,
      ...result,
      lease,
      now: new Date(),
    });
    if (written) resource.status = to;
    return written;
  }

  /** Ends an operation that did its work: the environment is ready, or destroyed. */
  async succeeded(
    operation: ClaimedOperation,
    workerId: string,
  ): Promise<boolean> {
    const destroy = operation.type === 'destroy';
    const { from, to } =
      ENVIRONMENT_CHANGES[destroy ? 'destroyed' : 'provisioned'];
    return this.finished(operation, {
      operationId: operation.id,
      workerId,
      state: 'succeeded',
      environment: {
        environmentId: operation.environmentId,
        from,
        to,
        destroyed: destroy,
      },
      now: new Date(),
    });
  }

  /**
   * Ends an operation that failed, or queues it again for `retryAt`: the environment and
   * the resources it was working on say why.
   */
  async failed(
    operation: ClaimedOperation,
    workerId: string,
    failure: {
      error: string;
      reason: string;
      retryAt?: Date;
      /** Waiting (a review), not failing: the attempt is not counted. */
      waiting?: boolean;
    },
  ): Promise<boolean> {
    const destroy = operation.type === 'destroy';
    const retry = Boolean(failure.retryAt);
    const change =
      FAILURES[destroy ? 'destroy' : 'update'][retry ? 'retry' : 'fail'];
    const { from, to } = ENVIRONMENT_CHANGES[change];
    return this.finished(operation, {
      operationId: operation.id,
      workerId,
      state: retry ? 'queued' : 'failed',
      error: failure.error,
      nextAttemptAt: failure.retryAt,
      refundAttempt: retry && failure.waiting,
      environment: {
        environmentId: operation.environmentId,
        from,
        to,
        reason: failure.reason,
      },
      inFlightResources: {
        environmentId: operation.environmentId,
        status: retry ? undefined : 'failed',
        reason: failure.reason,
      },
      now: new Date(),
    });
  }

  private async finished(
    operation: ClaimedOperation,
    change: Parameters<ChangeStore['finishOperation']>[0],
  ): Promise<boolean> {
    const finished = await this.changes.finishOperation(change);
    if (finished) this.publish(operation.environmentId, operation.id);
    return finished;
  }

  private queued(environmentId: string, operationId: string) {
    // Published now: the engine may be busy with other work before it claims this one.
    this.publish(environmentId, operationId);
    this.deps.signal.notify();
  }

  private publish(environmentId: string, operationId?: string) {
    this.deps.events?.environmentChanged(environmentId, operationId);
  }
}
