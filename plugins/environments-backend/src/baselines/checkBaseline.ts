import { JsonObject } from '@backstage/types';
import {
  BaselineEnvironment,
  ResourceObservation,
  RuleFinding,
} from '@paved/plugin-environments-node';
import { Baseline, BaselineCheck, RuleId, RuleSeverity } from './Baseline';

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
  /** Re-applying the desired state puts it right: the rule says so and nothing said otherwise. */
  restorable: boolean;
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
export type DesiredEnvironment = BaselineEnvironment;

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
  return baseline
    .checks()
    .flatMap(check =>
      found(
        check,
        check.definition.checkEnvironment?.(check.rule.params, environment),
      ),
    );
}

/** A resource's desired spec against the rules about its type. */
export function checkDesiredResource(
  baseline: Baseline,
  resource: DesiredResource,
): RuleViolation[] {
  return baseline
    .checks()
    .filter(({ definition }) => definition.resourceType === resource.type)
    .flatMap(check =>
      found(
        check,
        check.definition.checkSpec?.(check.rule.params, resource.spec),
        resource,
        setting => `${resource.field}.spec.${setting}`,
      ),
    );
}

/**
 * What a provider observed of a resource, against its desired spec and the baseline: a
 * resource that drifted from either breaks the rule about that setting. Rules about its
 * type look only at a resource that exists; rules about every type see it missing too.
 */
export function checkObservation(
  baseline: Baseline,
  resource: DesiredResource & { id: string },
  observation: ResourceObservation,
): RuleViolation[] {
  return baseline
    .checks()
    .filter(
      ({ definition: { resourceType } }) =>
        resourceType === undefined ||
        (observation.exists && resourceType === resource.type),
    )
    .flatMap(check =>
      found(
        check,
        check.definition.checkObservation?.(
          check.rule.params,
          resource.spec,
          observation,
        ),
        resource,
      ),
    );
}

/** Refusing: the rules that stop a request. */
export function blocking(violations: RuleViolation[]): RuleViolation[] {
  return violations.filter(v => v.severity === 'blocking');
}

function found(
  { rule, definition }: BaselineCheck,
  findings: RuleFinding[] | undefined,
  resource?: { id?: string },
  field: (setting: string) => string = setting => setting,
): RuleViolation[] {
  return (findings ?? []).map(finding => ({
    rule: rule.id,
    severity: rule.severity,
    message: rule.message,
    link: rule.link,
    field: field(finding.field),
    resourceId: resource?.id,
    expected: finding.expected,
    observed: finding.observed,
    ...(finding.cannotRestore && { cannotRestore: finding.cannotRestore }),
    restorable: definition.restorable && !finding.cannotRestore,
  }));
}
