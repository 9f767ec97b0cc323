export {
  Baseline,
  RULE_SEVERITIES,
  type BaselineCheck,
  type BaselineRule,
  type RuleId,
  type RuleSeverity,
} from './Baseline';
export {
  BaselineRuleRegistry,
  type BaselineRuleSource,
} from './BaselineRuleRegistry';
export {
  blocking,
  checkEnvironment,
  checkObservation,
  checkRequest,
  type DesiredEnvironment,
  type DesiredResource,
  type RuleViolation,
} from './checkBaseline';
export { CORE_BASELINE_RULES, CORE_RULES_SOURCE } from './coreRules';
