import { ResourceProvider } from '@paved/plugin-environments-node';
import { EnvironmentsConfig } from '../config/readEnvironmentsConfig';

/** The providers installed through the extension point, one per resource type. */
export class ProviderRegistry {
  private readonly providers = new Map<string, ResourceProvider>();

  add(provider: ResourceProvider): void {
    if (this.providers.has(provider.resourceType)) {
      throw new Error(
        `Two providers for resource type ${provider.resourceType}: ${
          this.providers.get(provider.resourceType)!.providerId
        } and ${provider.providerId}`,
      );
    }
    this.providers.set(provider.resourceType, provider);
  }

  get(resourceType: string): ResourceProvider | undefined {
    return this.providers.get(resourceType);
  }

  types(): string[] {
    return [...this.providers.keys()];
  }

  /**
   * Every resource type a class allows needs an installed provider and one of its targets;
   * a class that names something missing stops the backend, naming the key.
   */
  assertCovers(config: EnvironmentsConfig): void {
    let index = 0;
    for (const environmentClass of config.classes.values()) {
      for (const [type, { target }] of Object.entries(environmentClass.resources)) {
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
            } provider (targets: ${provider.getTargets().join(', ') || 'none'})`,
          );
        }
      }
      index += 1;
    }
  }
}
