import { BaselineRuleDefinition } from '@paved/plugin-environments-node';

/** A guideline anchor that cannot be confused with a page's own sections: `namespace.name`. */
const RULE_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

/** Where a set of rules comes from, and the rules. */
export interface BaselineRuleSource {
  /** Who registered them, for errors: `the redis provider`. */
  source: string;
  rules: BaselineRuleDefinition[];
}

/**
 * The baseline rules config may use, by id, in the order they were registered: findings
 * and refusals list broken rules in this order, whatever order a baseline gives them.
 */
export class BaselineRuleRegistry {
  readonly #rules = new Map<
    string,
    { definition: BaselineRuleDefinition; source: string }
  >();

  constructor(sources: BaselineRuleSource[]) {
    for (const { source, rules } of sources) {
      for (const definition of rules) {
        if (!RULE_ID.test(definition.id)) {
          throw new Error(
            `Baseline rule "${definition.id}" of ${source} needs an id of the form namespace.name, such as environment.ttl`,
          );
        }
        const earlier = this.#rules.get(definition.id);
        if (earlier) {
          throw new Error(
            `Baseline rule "${definition.id}" is registered twice: by ${earlier.source} and by ${source}; a rule id must be unique among the installed providers`,
          );
        }
        this.#rules.set(definition.id, { definition, source });
      }
    }
  }

  get(id: string): BaselineRuleDefinition | undefined {
    return this.#rules.get(id)?.definition;
  }

  ids(): string[] {
    return [...this.#rules.keys()];
  }

  list(): BaselineRuleDefinition[] {
    return [...this.#rules.values()].map(r => r.definition);
  }
}
