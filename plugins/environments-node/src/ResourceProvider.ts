import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  OperationType,
  ResourceOutputs,
  Tier,
} from '@paved/plugin-environments-common';
import type { BaselineRuleDefinition } from './baselineRules';

/** Which resource a provider call is about, and whose it is. @public */
export interface ProvisionedResource {
  /** Stable id; providers derive physical names from it so two environments never collide. */
  id: string;
  /** The resource's name within its environment (a DNS label). */
  name: string;
  /** The environment's name (a DNS label). */
  environmentName: string;
  /** The component or system the environment belongs to. */
  entityRef: string;
  /** The environment's owner group, for providers that label or grant by owner. */
  owner?: string;
  /** The environment's tier. */
  tier?: Tier;
  /** When the environment expires (ISO timestamp), for ephemeral ones. */
  expiresAt?: string;
}

/**
 * The operation a provider call carries out: a provider that records its changes (a
 * commit, a pull request) marks them with its id, so that a retry of the same operation
 * finds them instead of making them twice.
 *
 * @public
 */
export interface ProviderOperation {
  id: string;
  type: OperationType;
  /** Who asked for it: a user entity ref, or `paved:reconciler` for a restore. */
  requestedBy: string;
}

/** @public */
export interface ApplyRequest {
  /** The provider target (a named server or cluster from config). */
  target: string;
  resource: ProvisionedResource;
  /** The desired spec, as returned by `validateSpec`. */
  spec: JsonObject;
  /** The secret stored by an earlier apply, so re-applying keeps it. */
  secret?: string;
  operation?: ProviderOperation;
  signal?: AbortSignal;
  logger: LoggerService;
}

/** @public */
export interface ApplyResult {
  /** Non-secret values shown to users: host, port, database, user, URLs. */
  outputs: ResourceOutputs;
  /** A generated credential; the backend stores it encrypted and never logs it. */
  secret?: string;
}

/** @public */
export interface DestroyRequest {
  target: string;
  resource: ProvisionedResource;
  /** The desired spec it was applied with, for a provider that names things from it. */
  spec?: JsonObject;
  operation?: ProviderOperation;
  signal?: AbortSignal;
  logger: LoggerService;
}

/** @public */
export interface ObserveRequest {
  target: string;
  resources: Array<{ resource: ProvisionedResource; spec: JsonObject }>;
  logger: LoggerService;
}

/** A change a dry run asks about; the resource has no id yet. @public */
export interface PreviewRequest {
  target: string;
  resource: Omit<ProvisionedResource, 'id'>;
  /** The desired spec, as returned by `validateSpec`. */
  spec: JsonObject;
  logger: LoggerService;
}

/** What a provider found on its target for one resource. @public */
export interface ResourceObservation {
  resourceId: string;
  exists: boolean;
  /** The actual settings, in the spec's terms where they have one. */
  observed: JsonObject;
  /**
   * Keys of `observed` this observation did not look at, for a setting too costly to read
   * for every resource on every pass (the PostgreSQL provider reads `extensions` for a
   * rotating window of databases). The reconciler keeps their last observed value, so the
   * findings about them stay as they were until a later pass looks again.
   */
  unobserved?: string[];
  /**
   * Drift in `observed` that `apply` cannot put right with the privileges the provider has,
   * by key of `observed`, each saying what an operator can do instead. The reconciler does
   * not restore drift that only these explain, and shows the words on the finding.
   */
  cannotRestore?: Record<string, string>;
}

/**
 * Provisions one resource type (say, `postgres-database`) on the targets configured for
 * it. Every call must be safe to repeat: `apply` converges to the desired state and treats
 * "already exists and is ours" as success; `destroy` treats "already gone" as success.
 *
 * @public
 */
export interface ResourceProvider {
  /** The resource type it provisions, e.g. `postgres-database`. */
  readonly resourceType: string;
  /** Its id in API responses and config, e.g. `postgres`. */
  readonly providerId: string;
  /** The names of the targets it can provision to. */
  getTargets(): string[];
  /**
   * Checks a requested spec and fills in defaults. Throws an `InputError` whose message
   * names the field (`spec.connectionLimit: …`) when the spec is wrong.
   */
  validateSpec(spec: unknown): JsonObject;
  apply(request: ApplyRequest): Promise<ApplyResult>;
  destroy(request: DestroyRequest): Promise<void>;
  /**
   * Looks at many resources of one target at once: a bounded number of round trips, not
   * one per resource. What it cannot afford to read for all of them every time it leaves
   * out and names in `unobserved`.
   */
  observe(request: ObserveRequest): Promise<ResourceObservation[]>;
  /**
   * What `apply` would change, for a dry run, by a provider whose changes can be shown
   * before they are made (the files it would commit and their diff). Makes no change.
   */
  preview?(request: PreviewRequest): Promise<JsonObject>;
  /** Builds what a user connects with from the outputs and the secret. */
  connectionString(outputs: ResourceOutputs, secret: string): string;
  /**
   * The baseline rules it brings, about its resource type (or the environment): baselines
   * in config can use them once the provider is installed, and the guideline pages
   * describe them. Their ids must be unique among all installed providers.
   */
  readonly baselineRules?: BaselineRuleDefinition[];
}

/**
 * Thrown by a provider when a call failed for a reason that may pass (the target is down
 * or overloaded): the operation is retried with backoff instead of failing.
 *
 * @public
 */
export class TransientProviderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientProviderError';
  }
}

/**
 * Thrown by a provider whose change waits on something outside Paved, such as a pull
 * request's review: the operation is queued again and the provider asked again after
 * `checkAfterMs`, for as long as the provider keeps answering so (it bounds the wait
 * itself, e.g. from when the pull request was opened, so the bound survives a restart).
 * The waits do not count as failed attempts. `outputs` are shown on the resource while
 * it waits ("waiting for review: <link>").
 *
 * @public
 */
export class PendingProviderError extends Error {
  readonly checkAfterMs: number;
  readonly outputs?: ResourceOutputs;

  constructor(
    message: string,
    options: { checkAfterMs: number; outputs?: ResourceOutputs },
  ) {
    super(message);
    this.name = 'PendingProviderError';
    this.checkAfterMs = options.checkAfterMs;
    this.outputs = options.outputs;
  }
}
