import { JsonObject } from '@backstage/types';
import { Lifecycle, Tier } from '@paved/plugin-environments-common';
import type { ZodType } from 'zod';
import { ResourceObservation } from './ResourceProvider';

/**
 * What a rule found wrong with one environment, requested spec or observed resource.
 * @public
 */
export interface RuleFinding {
  /**
   * The setting it is about: of the environment (`owner`), or of the resource's spec or
   * observation (`connectionLimit`). For a requested spec the backend puts the request
   * field in front (`resources[0].spec.connectionLimit`).
   */
  field: string;
  /** What the rule wants, with the baseline's values (`at most 5min`). */
  expected: string;
  /** What was there (`10min`, `not set`). */
  observed: string;
  /**
   * Why re-applying the desired state cannot put this right (usually from the
   * observation's `cannotRestore`), in words an operator can act on. No restore is queued
   * for it, and the finding shows the words.
   */
  cannotRestore?: string;
}

/**
 * An environment as requested or stored, in the terms environment-level rules check.
 * @public
 */
export interface BaselineEnvironment {
  name: string;
  tier: Tier;
  lifecycle: Lifecycle;
  owner: string;
  expiresAt?: string;
  /** All its live resources, the requested ones included. */
  resourceCount: number;
  /** Its estimated monthly cost, all live resources included. */
  monthlyCost: number;
}

/**
 * What a baseline's guideline page knows when it renders a rule's values.
 * @public
 */
export interface BaselineDocsContext {
  /** The portal's currency (`environments.currency`). */
  currency: string;
  /** The classes that use the baseline, as configured (`environments.classes[]`). */
  classes: Array<{
    name: string;
    lifecycle: Lifecycle;
    ttl?: { default: string; max: string };
  }>;
}

/**
 * How a rule explains itself in the platform guidelines: once in general on
 * `docs/baselines/index.md`, and with each baseline's values on that baseline's page.
 * Text is Markdown; a line break in it is kept as one on the page.
 * @public
 */
export interface BaselineRuleDescription<TParams> {
  /** The heading of the general page it is listed under, e.g. `PostgreSQL rules`. */
  group: string;
  /** What it checks, on every class. */
  checks: string;
  /** What else the portal enforces for it today, on every class. */
  today: string;
  /** What a baseline with these values expects, e.g. `A connection limit between 1 and 20.` */
  expected(params: TParams, context: BaselineDocsContext): string;
  /** What a restore cannot put right, said after "Restored" where a class restores drift. */
  restoreLimits?: string;
}

/**
 * One baseline rule: everything the environments backend and its guideline pages need to
 * know about it. Baselines in config refer to it by `id` and give it a severity and the
 * values `params` describes.
 *
 * A rule checks the environment (`checkEnvironment`), or resources: a rule with a
 * `resourceType` sees the requested specs of that type (`checkSpec`) and the observations of
 * those that exist (`checkObservation`); a rule without one sees every resource's
 * observation, the missing ones too.
 *
 * @public
 */
export interface BaselineRuleDefinition<TParams = unknown> {
  /**
   * `<namespace>.<name>`, e.g. `postgres.connection-limit`: stable, since findings store
   * it and guideline links end in `#<id>`.
   */
  id: string;
  /** The resource type it is about; none for the environment's own rules. */
  resourceType?: string;
  /** The values a baseline gives it, with their defaults. */
  params: ZodType<TParams>;
  checkEnvironment?(
    params: TParams,
    environment: BaselineEnvironment,
  ): RuleFinding[];
  /** A requested spec, as the provider's `validateSpec` returned it. */
  checkSpec?(params: TParams, spec: JsonObject): RuleFinding[];
  /** What the provider observed, against the desired spec. */
  checkObservation?(
    params: TParams,
    desired: JsonObject,
    observation: ResourceObservation,
  ): RuleFinding[];
  /**
   * Whether re-applying the desired state (the provider's `apply`) puts drift from it
   * right, so a class with `drift: restore` queues a restore for it.
   */
  restorable: boolean;
  description: BaselineRuleDescription<TParams>;
}

/**
 * Types a rule's checks and description by its parameter schema.
 * @public
 */
export function createBaselineRule<TParams>(
  rule: BaselineRuleDefinition<TParams>,
): BaselineRuleDefinition<TParams> {
  return rule;
}
