import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  Environment,
  EnvironmentStatus,
  Finding,
  FindingSeverity,
  Operation,
  ResourceStatus,
} from '@paved/plugin-environments-common';
import {
  EnvironmentFilter,
  EnvironmentPermissionResource,
} from '../permissions/rules';
import {
  ClaimedOperation,
  EnvironmentRecord,
  NewOperation,
  NewResource,
  ResourceRecord,
} from './records';
import { ExceptionStore } from './ExceptionStore';
import { GoalStore } from './GoalStore';
import { MetricStore } from './metrics/MetricStore';
import { RefusalStore } from './RefusalStore';
import { NewApprovalRequest, RequestStore } from './RequestStore';

export type {
  ClaimedOperation,
  EnvironmentRecord,
  NewOperation,
  NewResource,
  ResourceRecord,
};

/** What the list endpoint can filter on; every field is optional. */
export interface ListQuery {
  entityRefs?: string[];
  owner?: string;
  class?: string;
  tier?: string;
  status?: string;
  expiringBefore?: string;
  includeDestroyed?: boolean;
  /** Only environments with (true) or without (false) an open baseline finding. */
  hasFindings?: boolean;
  limit: number;
  offset: number;
}

export interface FindingsQuery {
  environmentId?: string;
  entityRefs?: string[];
  severity?: FindingSeverity;
  state?: 'open' | 'resolved';
}

/** A move of an environment's status, taken only while it is in one of `from`. */
export interface StatusChange {
  from: readonly EnvironmentStatus[];
  to: EnvironmentStatus;
  reason?: string;
}

/** Environments and their resources, as the API and the scheduled jobs read them. */
export interface EnvironmentStore {
  /** With resources, the card's operations and open finding counts. */
  getEnvironment(id: string): Promise<Environment | undefined>;
  /** One page, the permission filter applied inside the query so totals are honest. */
  listEnvironments(
    query: ListQuery,
    permissionFilter?: PermissionCriteria<EnvironmentFilter>,
  ): Promise<{ items: Environment[]; totalItems: number }>;
  getRecord(id: string): Promise<EnvironmentRecord | undefined>;
  /** What permission rules look at, in the order of `ids` (undefined where unknown). */
  getPermissionResources(
    ids: string[],
  ): Promise<Array<EnvironmentPermissionResource | undefined>>;
  hasLiveNamed(entityRef: string, name: string): Promise<boolean>;
  countLive(owner: string, className: string): Promise<number>;
  getResource(id: string): Promise<ResourceRecord | undefined>;
  listResources(environmentId: string): Promise<ResourceRecord[]>;
  /** Environments the reconciler looks at (ready or degraded) and their live resources. */
  listReconcilable(): Promise<{
    environments: EnvironmentRecord[];
    resources: ResourceRecord[];
  }>;
  /** Stores what changed in the observations and when each resource was last seen. */
  recordObservations(
    changed: Array<{ resourceId: string; observed: object }>,
    seenIds: string[],
    now: Date,
  ): Promise<void>;
  /** Ephemeral, live, not yet warned, expiring within `within` ms of `now`. */
  listExpiring(now: Date, withinMs: number): Promise<EnvironmentRecord[]>;
  /** Ephemeral, live and past their expiry. */
  listExpired(now: Date): Promise<EnvironmentRecord[]>;
  /** Destroyed by a successful destroy that `principal` asked for, not yet reported. */
  listDestroyedUnreported(principal: string): Promise<EnvironmentRecord[]>;
  /** Marks a notice as sent; true for the one call that did, so it goes out once. */
  claimNotice(
    id: string,
    notice: 'expiry-warning' | 'expiry-report',
    now: Date,
  ): Promise<boolean>;
}

/** The operations queue: what workers claim, hold and read. */
export interface OperationStore {
  getOperation(id: string): Promise<Operation | undefined>;
  /** Newest first. */
  listOperations(environmentId: string): Promise<Operation[]>;
  /**
   * Claims the oldest runnable operation (queued and due, or running with an expired lease)
   * of an environment with nothing older still to do, with a lease for `workerId`.
   */
  claimNextOperation(
    workerId: string,
    leaseMs: number,
    now: Date,
  ): Promise<ClaimedOperation | undefined>;
  /** False when the lease is no longer this worker's. */
  renewLease(
    operationId: string,
    workerId: string,
    leaseMs: number,
  ): Promise<boolean>;
  holdsLease(operationId: string, workerId: string): Promise<boolean>;
}

/** The result of a write that a unique index can refuse. */
export type WriteResult = 'written' | 'duplicate' | 'refused';

/** Writes that change an environment and its operations together, in one transaction. */
export interface ChangeStore {
  /**
   * The environment (provisioning), its pending resources, its queued create and the
   * idempotency key; `duplicate` when a unique index refused it (name or key taken).
   */
  createEnvironment(change: {
    environment: EnvironmentRecord;
    resources: NewResource[];
    operation: NewOperation;
    idempotency?: { principal: string; key: string; requestHash: string };
    /** A create that needs approval: its request, stored with it. */
    request?: NewApprovalRequest;
    now: Date;
  }): Promise<WriteResult>;
  /**
   * Records an operation with the status change it brings, only while the environment is
   * in `status.from` (and, with `whenIdle`, has no operation queued or running): otherwise
   * `refused`, and nothing is written. New resources are added pending; `pendingResourceIds`
   * are set pending again (a restore).
   */
  queueOperation(change: {
    environmentId: string;
    operation: NewOperation;
    status: StatusChange;
    newResources?: NewResource[];
    pendingResourceIds?: { ids: string[]; reason: string };
    whenIdle?: boolean;
    now: Date;
  }): Promise<WriteResult>;
  /** A new expiry (warned again before it) and the `extend` recorded as done. */
  extendExpiry(change: {
    environmentId: string;
    expiresAt: Date;
    operation: NewOperation;
    now: Date;
  }): Promise<void>;
  /** True when the environment was in `status.from` and moved. */
  setEnvironmentStatus(
    environmentId: string,
    status: StatusChange,
    now: Date,
  ): Promise<boolean>;
  /** Writes a resource's progress, only while `workerId` holds the operation's lease. */
  setResourceStatus(change: {
    resourceId: string;
    status: ResourceStatus;
    reason?: string;
    outputs?: object;
    /** A sealed secret; `null` clears it. */
    secret?: string | null;
    lease?: { operationId: string; workerId: string };
    now: Date;
  }): Promise<boolean>;
  /**
   * Ends (or requeues) an operation with its effects, only while `workerId` holds its lease:
   * false when another worker took it over, and nothing is written.
   */
  finishOperation(change: {
    operationId: string;
    workerId: string;
    state: 'succeeded' | 'failed' | 'queued';
    error?: string;
    nextAttemptAt?: Date;
    /**
     * The claim counted an attempt; a provider that only waits (a review) gives it back, so
     * a real failure after a long wait still gets its retries.
     */
    refundAttempt?: boolean;
    environment?: StatusChange & { environmentId: string; destroyed?: boolean };
    /** Resources still provisioning or destroying: their new status (or unchanged) and reason. */
    inFlightResources?: {
      environmentId: string;
      status?: ResourceStatus;
      reason: string;
    };
    now: Date;
  }): Promise<boolean>;
}

/** A finding to open, update or resolve. */
export interface FindingRecord {
  id: string;
  environmentId: string;
  resourceId?: string;
  /** The resource (or "-"), the rule and the field: one open finding each. */
  key: string;
  rule: string;
  severity: FindingSeverity;
  field: string;
  message: string;
  link: string;
  expected: string;
  observed: string;
}

export interface FindingStore {
  /** The open findings of these environments. */
  listOpen(environmentIds: string[]): Promise<FindingRecord[]>;
  /** Findings with their environment's and resource's names, newest first. */
  list(
    query: FindingsQuery,
    permissionFilter?: PermissionCriteria<EnvironmentFilter>,
  ): Promise<Finding[]>;
  /**
   * Opens, updates and resolves findings; returns the ones actually opened (one that a
   * concurrent pass opened first is left to it).
   */
  recordFindings(change: {
    open: FindingRecord[];
    update: FindingRecord[];
    resolveIds: string[];
    now: Date;
  }): Promise<FindingRecord[]>;
  /** Marks a finding as announced; true for the one call that did. */
  claimNotification(id: string, now: Date): Promise<boolean>;
}

export interface IdempotencyStore {
  find(
    principal: string,
    key: string,
  ): Promise<
    | { requestHash: string; environmentId: string; operationId: string }
    | undefined
  >;
}

/** Every table of the environments service, behind domain-shaped methods. */
export interface EnvironmentsStore {
  environments: EnvironmentStore;
  operations: OperationStore;
  changes: ChangeStore;
  findings: FindingStore;
  idempotency: IdempotencyStore;
  requests: RequestStore;
  exceptions: ExceptionStore;
  refusals: RefusalStore;
  goals: GoalStore;
  metrics: MetricStore;
}
