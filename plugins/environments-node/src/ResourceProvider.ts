import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { ResourceOutputs } from '@paved/plugin-environments-common';
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
  signal?: AbortSignal;
  logger: LoggerService;
}

/** @public */
export interface ObserveRequest {
  target: string;
  resources: Array<{ resource: ProvisionedResource; spec: JsonObject }>;
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
