import { BaselineRuleDefinition } from '@paved/plugin-environments-node';
import { ENVIRONMENT_RULES } from './environmentRules';
import { resourceExists } from './resourceExists';

/** Who registers the core rules, as duplicate-id errors name it. */
export const CORE_RULES_SOURCE = 'the environments backend';

/**
 * The rules the backend itself has, for any resource type: providers add theirs about
 * their own types.
 */
export const CORE_BASELINE_RULES: BaselineRuleDefinition[] = [
  resourceExists,
  ...ENVIRONMENT_RULES,
];
