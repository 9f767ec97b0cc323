import { BaselineRuleDefinition } from '@paved/plugin-environments-node';
import { BaselineRuleRegistry } from './BaselineRuleRegistry';

/** How much breaking a rule matters: `blocking` refuses a request; `high` degrades an environment. */
export type RuleSeverity = 'blocking' | 'high' | 'low';

export const RULE_SEVERITIES: RuleSeverity[] = ['blocking', 'high', 'low'];

/** A registered rule's id (`environment.ttl`). */
export type RuleId = string;

/** One rule of a resolved baseline, as config sets it. */
export interface BaselineRule {
  id: RuleId;
  severity: RuleSeverity;
  /** What a developer reads when the rule is broken. */
  message: string;
  /** The guideline section that explains it, a TechDocs URL ending in `#<id>`. */
  link: string;
  /** Its values, parsed by the rule's parameter schema (defaults filled in). */
  params: unknown;
}

/** A rule of a baseline with the registered definition that checks it. */
export interface BaselineCheck {
  rule: BaselineRule;
  definition: BaselineRuleDefinition;
}

/**
 * A baseline with its inheritance resolved: the rules by id, in the order config gives
 * them. It does not change once made.
 */
export class Baseline {
  readonly name: string;
  readonly rules: Map<RuleId, BaselineRule>;
  // Private, so a baseline still reads, compares and serialises as its configuration.
  readonly #checks: BaselineCheck[];

  constructor(
    name: string,
    rules: Map<RuleId, BaselineRule>,
    registry: BaselineRuleRegistry,
  ) {
    this.name = name;
    this.rules = rules;
    const order = registry.ids();
    this.#checks = [...rules.values()]
      .map(rule => {
        const definition = registry.get(rule.id);
        if (!definition)
          throw new Error(
            `Baseline ${name} has rule ${rule.id}, which is not registered`,
          );
        return { rule, definition };
      })
      .sort((a, b) => order.indexOf(a.rule.id) - order.indexOf(b.rule.id));
  }

  /** Its rules with their definitions, in the order the rules were registered. */
  checks(): readonly BaselineCheck[] {
    return this.#checks;
  }
}
