import {
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  EnvironmentFilter,
  EnvironmentPermissionResource,
} from './rules';

/**
 * Applies a conditional decision to an environment that is not stored yet (a create
 * request), with the same rules the list query translates into SQL.
 */
export function matchesConditions(
  criteria: PermissionCriteria<PermissionCondition<string, PermissionRuleParams>>,
  resource: EnvironmentPermissionResource,
  ruleset: PermissionRuleset<EnvironmentPermissionResource, EnvironmentFilter>,
): boolean {
  if ('allOf' in criteria) {
    return criteria.allOf.every(c => matchesConditions(c, resource, ruleset));
  }
  if ('anyOf' in criteria) {
    return criteria.anyOf.some(c => matchesConditions(c, resource, ruleset));
  }
  if ('not' in criteria) {
    return !matchesConditions(criteria.not, resource, ruleset);
  }
  const rule = ruleset.getRuleByName(criteria.rule);
  return rule.apply(resource, (criteria.params ?? {}) as any);
}
