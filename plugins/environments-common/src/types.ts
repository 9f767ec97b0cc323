import { JsonObject } from '@backstage/types';

/** What an environment is for; decides its guarantees and who may change it. @public */
export type Tier = 'production' | 'staging' | 'development' | 'preview';

/** @public */
export const TIERS: readonly Tier[] = [
  'production',
  'staging',
  'development',
  'preview',
];

/** Static environments live until destroyed; ephemeral ones expire. @public */
export type Lifecycle = 'static' | 'ephemeral';

/**
 * An environment's status, derived from its resources and running operations.
 * @public
 */
export type EnvironmentStatus =
  | 'provisioning'
  | 'ready'
  | 'degraded'
  | 'failed'
  | 'destroying'
  | 'destroyed';

/** @public */
export const ENVIRONMENT_STATUSES: readonly EnvironmentStatus[] = [
  'provisioning',
  'ready',
  'degraded',
  'failed',
  'destroying',
  'destroyed',
];

/** @public */
export type ResourceStatus =
  | 'pending'
  | 'provisioning'
  | 'ready'
  | 'failed'
  | 'destroying'
  | 'destroyed';

/** @public */
export type OperationType = 'create' | 'update' | 'destroy' | 'extend';

/** @public */
export type OperationState = 'queued' | 'running' | 'succeeded' | 'failed';

/** Non-secret values a resource exposes: host, port, database, user, URLs. @public */
export type ResourceOutputs = Record<string, string | number | boolean>;

/** @public */
export interface EnvironmentResource {
  id: string;
  type: string;
  name: string;
  /** The provider that manages it, e.g. `postgres`. */
  provider: string;
  /** The provider target (a server, a cluster) it lives on. */
  target: string;
  status: ResourceStatus;
  /** Why the status is what it is, when that is not obvious (an error, a retry). */
  statusReason?: string;
  spec: JsonObject;
  outputs: ResourceOutputs;
  lastObservedAt?: string;
}

/** @public */
export interface MonthlyCost {
  amount: number;
  currency: string;
}

/** @public */
export interface Environment {
  id: string;
  name: string;
  class: string;
  tier: Tier;
  lifecycle: Lifecycle;
  status: EnvironmentStatus;
  statusReason?: string;
  /** The group that owns it, e.g. `group:default/checkout-team`. */
  owner: string;
  /** The component or system it belongs to. */
  entityRef: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Ephemeral environments only. */
  expiresAt?: string;
  resources: EnvironmentResource[];
  estimatedMonthlyCost: MonthlyCost;
  /** The operation queued or running now, if any: what a card shows while provisioning. */
  activeOperation?: Operation;
  /** The scaffolder task that created it, when a template did. */
  scaffolderTaskId?: string;
  /** How many baseline findings are open (`GET /environments/{id}/findings`); absent when none. */
  openFindings?: number;
  /** The open findings by severity, e.g. `{ blocking: 1, high: 1 }`; absent when none. */
  openFindingsBySeverity?: Partial<Record<FindingSeverity, number>>;
}

/** @public */
export interface Operation {
  id: string;
  environmentId: string;
  /** Set when the operation concerns one resource rather than the whole environment. */
  resourceId?: string;
  type: OperationType;
  state: OperationState;
  attempts: number;
  requestedBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** The last error, in words a user can act on. */
  error?: string;
  /** When a failed attempt that may succeed later is tried again. */
  nextAttemptAt?: string;
  scaffolderTaskId?: string;
}

/** How much breaking a baseline rule matters. @public */
export type FindingSeverity = 'blocking' | 'high' | 'low';

/**
 * A baseline rule a live environment or resource breaks, seen by the reconciler: open
 * until it sees the rule met again. @public
 */
export interface Finding {
  id: string;
  environmentId: string;
  environmentName: string;
  /** The component or system the environment belongs to. */
  entityRef: string;
  /** The resource it is about; absent for the environment's own rules. */
  resourceId?: string;
  resourceName?: string;
  /** The rule id, also the anchor of its section in the guidelines. */
  rule: string;
  severity: FindingSeverity;
  /** The setting it is about, e.g. `connectionLimit`. */
  field: string;
  message: string;
  /** The guideline section explaining the rule. */
  link: string;
  expected: string;
  observed: string;
  detectedAt: string;
  /** When it was seen fixed; absent while open. */
  resolvedAt?: string;
}

/** @public */
export interface FindingList {
  items: Finding[];
}

/** One check of a request against its class, in a plan or a refusal. @public */
export interface ValidationMessage {
  field: string;
  message: string;
  /** The baseline rule it is about, when it is one (an anchor of the guidelines' baselines page). */
  rule?: string;
  /** How much breaking the rule matters: `blocking` refuses, `high` and `low` warn. */
  severity?: 'blocking' | 'high' | 'low';
  /** The guideline section explaining the rule. */
  link?: string;
}

/** What a create request would do, without doing it (`?dryRun=true`). @public */
export interface EnvironmentPlan {
  environment: Omit<
    Environment,
    'id' | 'status' | 'createdAt' | 'updatedAt' | 'resources'
  > & {
    resources: Array<
      Pick<
        EnvironmentResource,
        'type' | 'name' | 'provider' | 'target' | 'spec'
      >
    >;
  };
  warnings: ValidationMessage[];
  estimatedMonthlyCost: MonthlyCost;
}

/**
 * What a configured environment class offers, as forms and cards need it.
 * Durations are in the form the config uses (`24h`, `7d`).
 * @public
 */
export interface EnvironmentClassSummary {
  name: string;
  tier: Tier;
  lifecycle: Lifecycle;
  description?: string;
  ttl?: { default: string; max: string; warnBefore: string };
  /** The resource types it allows. */
  resourceTypes: string[];
  maxEnvironmentsPerOwner: number;
  baseMonthlyCost: MonthlyCost;
}

/** @public */
export interface CreateEnvironmentResponse {
  environment: Environment;
  operation: Operation;
  /** Baseline rules the request breaks that do not refuse it (absent when none). */
  warnings?: ValidationMessage[];
}

/** @public */
export interface EnvironmentList {
  items: Environment[];
  totalItems: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}
