import {
  EnvironmentsProvidersExtensionPoint,
  ResourceProvider,
} from '@paved/plugin-environments-node';
import {
  BaselineRuleRegistry,
  BaselineRuleSource,
  CORE_BASELINE_RULES,
  CORE_RULES_SOURCE,
} from '../baselines';
import { EnvironmentsConfig } from '../config/readEnvironmentsConfig';

/**
 * The providers installed through the extension point, one per resource type, and the
 * baseline rules they bring.
 */
export class ProviderRegistry {
  private readonly providers = new Map<string, ResourceProvider>();
  private rules = registry([]);

  add(provider: ResourceProvider): void {
    if (this.providers.has(provider.resourceType)) {
      throw new Error(
        `Two providers for resource type ${provider.resourceType}: ${
          this.providers.get(provider.resourceType)!.providerId
        } and ${provider.providerId}`,
      );
    }
    const source = `the ${provider.providerId} provider`;
    const rules = provider.baselineRules ?? [];
    const foreign = rules.find(
      r =>
        r.resourceType !== undefined &&
        r.resourceType !== provider.resourceType,
    );
    if (foreign) {
      throw new Error(
        `Baseline rule "${foreign.id}" of ${source} is about resource type ${foreign.resourceType}; a provider's rules are about its own type (${provider.resourceType}) or the environment`,
      );
    }
    // Checked here, so a clash stops the backend as the second provider is installed.
    this.rules = registry([...this.providerRules(), { source, rules }]);
    this.providers.set(provider.resourceType, provider);
  }

  /** What modules call through `environmentsProvidersExtensionPoint`. */
  extensionPoint(): EnvironmentsProvidersExtensionPoint {
    return { addProvider: provider => this.add(provider) };
  }

  get(resourceType: string): ResourceProvider | undefined {
    return this.providers.get(resourceType);
  }

  types(): string[] {
    return [...this.providers.keys()];
  }

  /** The rules baselines may use: the installed providers' first, then the backend's own. */
  baselineRules(): BaselineRuleRegistry {
    return this.rules;
  }

  private providerRules(): BaselineRuleSource[] {
    return [...this.providers.values()].map(p => ({
      source: `the ${p.providerId} provider`,
      rules: p.baselineRules ?? [],
    }));
  }

  /**
   * Every resource type a class allows needs an installed provider and one of its targets;
   * a class that names something missing stops the backend, naming the key.
   */
  assertCovers(config: EnvironmentsConfig): void {
    let index = 0;
    for (const environmentClass of config.classes.values()) {
      for (const [type, { target }] of Object.entries(
        environmentClass.resources,
      )) {
        const key = `environments.classes[${index}].resources.${type}`;
        const provider = this.providers.get(type);
        if (!provider) {
          throw new Error(
            `Invalid environments configuration: ${key}: no provider for resource type "${type}" is installed (installed: ${
              this.types().join(', ') || 'none'
            })`,
          );
        }
        if (!provider.getTargets().includes(target)) {
          throw new Error(
            `Invalid environments configuration: ${key}.target: "${target}" is not a target of the ${
              provider.providerId
            } provider (targets: ${
              provider.getTargets().join(', ') || 'none'
            })`,
          );
        }
      }
      index += 1;
    }
  }
}

function registry(providers: BaselineRuleSource[]): BaselineRuleRegistry {
  return new BaselineRuleRegistry([
    ...providers,
    { source: CORE_RULES_SOURCE, rules: CORE_BASELINE_RULES },
  ]);
}
