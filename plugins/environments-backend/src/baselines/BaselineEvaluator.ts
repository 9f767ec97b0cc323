import { JsonObject, JsonValue } from '@backstage/types';
import { Lifecycle, Tier } from '@paved/plugin-environments-common';
import { ResourceObservation } from '@paved/plugin-environments-node';
import {
  Baseline,
  BaselineRule,
  pgDurationMs,
  RuleId,
  RuleParams,
  RuleSeverity,
} from './rules';

/** One rule an environment or a resource breaks, with what was expected and what was there. */
export interface RuleViolation {
  rule: RuleId;
  severity: RuleSeverity;
  message: string;
  link: string;
  /** Where: a request field (`resources[0].spec.connectionLimit`) or a resource setting. */
  field: string;
  /** The resource it is about; none for the environment's own rules. */
  resourceId?: string;
  expected: string;
  observed: string;
  /**
   * Why the provider's `apply` cannot put this drift right (from the observation's
   * `cannotRestore`), in words an operator can act on; a restore is not queued for it.
   */
  cannotRestore?: string;
}

/** A resource as requested or stored: its type and desired spec. */
export interface DesiredResource {
  id?: string;
  type: string;
  name: string;
  spec: JsonObject;
  /** Where it is in the request (`resources[0]`), for messages naming the field. */
  field: string;
}

/** An environment as requested or stored, in the terms the environment rules need. */
export interface DesiredEnvironment {
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

const POSTGRES = 'postgres-database';

/**
 * Checks a request: the environment's own rules, and each requested resource's desired
 * spec. Pure, so the same answer comes from the API, the dry run and the tests.
 */
export function checkRequest(
  baseline: Baseline,
  environment: DesiredEnvironment,
  resources: DesiredResource[],
): RuleViolation[] {
  return [
    ...checkEnvironment(baseline, environment),
    ...resources.flatMap(resource => checkDesiredResource(baseline, resource)),
  ];
}

/** The environment's own rules (TTL, owner, name, resource count, cost). */
export function checkEnvironment(
  baseline: Baseline,
  environment: DesiredEnvironment,
): RuleViolation[] {
  const found: RuleViolation[] = [];
  const ttl = baseline.rules.get('environment.ttl');
  if (ttl) {
    if (environment.lifecycle === 'ephemeral' && !environment.expiresAt) {
      found.push(violation(ttl, 'ttl', 'an expiry', 'none'));
    }
    if (environment.lifecycle === 'static' && environment.expiresAt) {
      found.push(violation(ttl, 'ttl', 'no expiry', environment.expiresAt));
    }
  }
  const owner = baseline.rules.get('environment.owner-is-group');
  if (owner && !environment.owner.startsWith('group:')) {
    found.push(violation(owner, 'owner', 'a group (group:…)', environment.owner));
  }
  const name = rule(baseline, 'environment.name-pattern');
  if (name && !new RegExp(name.params.pattern).test(environment.name)) {
    found.push(violation(name, 'name', `matching ${name.params.pattern}`, environment.name));
  }
  const count = rule(baseline, 'environment.max-resources');
  if (count && environment.resourceCount > count.params.max) {
    found.push(
      violation(count, 'resources', `at most ${count.params.max}`, String(environment.resourceCount)),
    );
  }
  const budget = rule(baseline, 'environment.cost-budget');
  if (budget && environment.monthlyCost > budget.params.max) {
    found.push(
      violation(
        budget,
        'estimatedMonthlyCost',
        `at most ${budget.params.max}`,
        String(environment.monthlyCost),
      ),
    );
  }
  return found;
}

/** A resource's desired spec against the rules about its type. */
export function checkDesiredResource(
  baseline: Baseline,
  resource: DesiredResource,
): RuleViolation[] {
  if (resource.type !== POSTGRES) return [];
  const found: RuleViolation[] = [];
  const at = (setting: string) => `${resource.field}.spec.${setting}`;
  const { connectionLimit, statementTimeout, extensions } = resource.spec;

  const limit = rule(baseline, 'postgres.connection-limit');
  if (limit && typeof connectionLimit === 'number' && !withinLimit(limit, connectionLimit)) {
    found.push(
      violation(limit, at('connectionLimit'), limitRange(limit), String(connectionLimit), resource),
    );
  }
  const timeout = rule(baseline, 'postgres.statement-timeout');
  if (timeout) {
    const problem = timeoutProblem(timeout, statementTimeout);
    if (problem) {
      found.push(
        violation(timeout, at('statementTimeout'), `at most ${timeout.params.max}`, problem, resource),
      );
    }
  }
  const allowed = rule(baseline, 'postgres.extensions');
  if (allowed && Array.isArray(extensions)) {
    const extra = notAllowed(allowed, extensions);
    if (extra.length) {
      found.push(
        violation(allowed, at('extensions'), allowList(allowed), extra.join(', '), resource),
      );
    }
  }
  return found;
}

/**
 * What a provider observed of a resource, against its desired spec and the baseline: a
 * resource that drifted from either breaks the rule about that setting.
 */
export function checkObservation(
  baseline: Baseline,
  resource: DesiredResource & { id: string },
  observation: ResourceObservation,
): RuleViolation[] {
  const exists = baseline.rules.get('resource.exists');
  if (!observation.exists) {
    return exists ? [violation(exists, 'exists', 'exists', 'missing', resource)] : [];
  }
  if (resource.type !== POSTGRES) return [];
  const found: RuleViolation[] = [];
  const { observed } = observation;
  const desired = resource.spec;

  const limit = rule(baseline, 'postgres.connection-limit');
  const actualLimit = observed.connectionLimit;
  if (
    limit &&
    typeof actualLimit === 'number' &&
    (!withinLimit(limit, actualLimit) || actualLimit !== desired.connectionLimit)
  ) {
    found.push(
      violation(
        limit,
        'connectionLimit',
        `${desired.connectionLimit} (${limitRange(limit)})`,
        actualLimit === -1 ? 'unlimited' : String(actualLimit),
        resource,
      ),
    );
  }

  const timeout = rule(baseline, 'postgres.statement-timeout');
  if (timeout) {
    const actual = observed.statementTimeout;
    const problem =
      timeoutProblem(timeout, actual) ??
      (pgDurationMs(String(actual)) !== pgDurationMs(String(desired.statementTimeout))
        ? String(actual)
        : undefined);
    if (problem) {
      found.push(
        violation(
          timeout,
          'statementTimeout',
          `${desired.statementTimeout} (at most ${timeout.params.max})`,
          problem,
          resource,
        ),
      );
    }
  }

  const privileges = baseline.rules.get('postgres.owner-privileges');
  if (privileges) {
    const granted = (
      [
        ['SUPERUSER', 'ownerIsSuperuser'],
        ['CREATEROLE', 'ownerCanCreateRole'],
        ['CREATEDB', 'ownerCanCreateDb'],
      ] as const
    ).filter(([, key]) => observed[key] === true);
    const flags = granted.map(([flag]) => flag);
    if (flags.length) {
      // Restorable while a restore can take away any of them; once none, say why.
      const reasons = granted.map(([, key]) => observation.cannotRestore?.[key]);
      const cannotRestore = reasons.every(Boolean)
        ? [...new Set(reasons)].join(' ')
        : undefined;
      found.push({
        ...violation(privileges, 'owner', 'NOSUPERUSER NOCREATEROLE NOCREATEDB', flags.join(' '), resource),
        ...(cannotRestore && { cannotRestore }),
      });
    }
  }

  const owner = baseline.rules.get('postgres.database-owner');
  if (
    owner &&
    typeof observed.expectedOwner === 'string' &&
    observed.owner !== observed.expectedOwner
  ) {
    found.push(
      violation(owner, 'owner', observed.expectedOwner, String(observed.owner), resource),
    );
  }

  const allowed = rule(baseline, 'postgres.extensions');
  if (allowed && Array.isArray(observed.extensions)) {
    const extra = notAllowed(allowed, observed.extensions);
    if (extra.length) {
      found.push(violation(allowed, 'extensions', allowList(allowed), extra.join(', '), resource));
    }
  }
  return found;
}

/** Refusing: the rules that stop a request. */
export function blocking(violations: RuleViolation[]): RuleViolation[] {
  return violations.filter(v => v.severity === 'blocking');
}

function rule<Id extends RuleId>(baseline: Baseline, id: Id): BaselineRule<Id> | undefined {
  return baseline.rules.get(id) as BaselineRule<Id> | undefined;
}

function violation(
  broken: BaselineRule,
  field: string,
  expected: string,
  observed: string,
  resource?: { id?: string },
): RuleViolation {
  return {
    rule: broken.id,
    severity: broken.severity,
    message: broken.message,
    link: broken.link,
    field,
    resourceId: resource?.id,
    expected,
    observed,
  };
}

function withinLimit(limit: BaselineRule<'postgres.connection-limit'>, value: number) {
  return value >= limit.params.min && value <= limit.params.max;
}

function limitRange(limit: BaselineRule<'postgres.connection-limit'>) {
  return `${limit.params.min}–${limit.params.max}`;
}

/** Why a statement timeout breaks the rule (not set, or over the max), or undefined. */
function timeoutProblem(
  timeout: { params: RuleParams<'postgres.statement-timeout'> },
  value: JsonValue | undefined,
): string | undefined {
  const ms = typeof value === 'string' ? pgDurationMs(value) : undefined;
  // PostgreSQL's 0 means no timeout at all.
  if (ms === undefined || ms === 0) return 'not set';
  return ms > pgDurationMs(timeout.params.max)! ? String(value) : undefined;
}

function notAllowed(
  allowed: BaselineRule<'postgres.extensions'>,
  extensions: JsonValue[],
): string[] {
  return extensions.map(String).filter(e => !allowed.params.allow.includes(e));
}

function allowList(allowed: BaselineRule<'postgres.extensions'>) {
  return allowed.params.allow.length ? `only ${allowed.params.allow.join(', ')}` : 'none';
}
