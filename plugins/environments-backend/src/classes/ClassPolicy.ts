import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  Environment,
  EnvironmentClassSummary,
  formatDuration,
  parseDuration,
  ValidationMessage,
} from '@paved/plugin-environments-common';
import {
  blocking,
  checkRequest,
  DesiredEnvironment,
  DesiredResource,
  RuleViolation,
} from '../baselines';
import {
  EnvironmentClass,
  EnvironmentsConfig,
} from '../config/readEnvironmentsConfig';
import { BaselineRefusalError } from '../baselines/BaselineRefusalError';
import { estimateMonthlyCost } from '../cost/estimateMonthlyCost';
import { NewResource } from '../database/EnvironmentsStore';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { CreateRequest } from '../useCases/context';

/** What a class allows: its resource types, TTL, baseline and prices. */
export class ClassPolicy {
  constructor(
    private readonly deps: {
      config: EnvironmentsConfig;
      providers: ProviderRegistry;
    },
  ) {}

  requireClass(name: string): EnvironmentClass {
    const { classes } = this.deps.config;
    const environmentClass = classes.get(name);
    if (!environmentClass) {
      throw new InputError(
        `class: there is no class named "${name}"; the classes are ${[
          ...classes.keys(),
        ].join(', ')}`,
      );
    }
    return environmentClass;
  }

  /** When an environment of the class expires, asked for `ttl` from `now`. */
  expiry(
    environmentClass: EnvironmentClass,
    ttl: string | undefined,
    now: Date,
  ): Date | undefined {
    if (environmentClass.lifecycle === 'static') {
      if (ttl) {
        throw new InputError(
          `ttl: the ${environmentClass.name} class is static; its environments do not expire`,
        );
      }
      return undefined;
    }
    const policy = environmentClass.ttl!;
    const ms = ttl ? parseDuration(ttl)! : policy.defaultMs;
    if (ms > policy.maxMs) {
      throw new InputError(
        `ttl: ${ttl} is longer than the ${
          environmentClass.name
        } class allows (${formatDuration(policy.maxMs)})`,
      );
    }
    return new Date(now.getTime() + ms);
  }

  /** The requested resources, allowed by the class and their specs checked by the provider. */
  planResources(
    environmentClass: EnvironmentClass,
    requested: CreateRequest['resources'],
  ): NewResource[] {
    const names = new Set<string>();
    return requested.map((resource, index) => {
      const field = `resources[${index}]`;
      const allowed = environmentClass.resources[resource.type];
      if (!allowed) {
        const types = Object.keys(environmentClass.resources);
        throw new InputError(
          `${field}.type: the ${environmentClass.name} class does not allow "${
            resource.type
          }"; it allows ${types.join(', ') || 'no resources'}`,
        );
      }
      if (names.has(resource.name)) {
        throw new InputError(`${field}.name: "${resource.name}" is used twice`);
      }
      names.add(resource.name);
      const provider = this.deps.providers.get(resource.type)!;
      let spec: JsonObject;
      try {
        spec = provider.validateSpec(resource.spec);
      } catch (error) {
        throw new InputError(`${field}.${(error as Error).message}`);
      }
      return {
        type: resource.type,
        name: resource.name,
        provider: provider.providerId,
        target: allowed.target,
        spec,
      };
    });
  }

  /**
   * Checks a request against its class's baseline: breaking a blocking rule refuses it,
   * naming every rule it breaks; the other broken rules come back as warnings.
   */
  checkBaseline(
    environmentClass: EnvironmentClass,
    environment: Omit<DesiredEnvironment, 'monthlyCost'> & {
      resourceTypes: string[];
    },
    resources: NewResource[],
  ): ValidationMessage[] {
    const { resourceTypes, ...rest } = environment;
    const desired: DesiredEnvironment = {
      ...rest,
      monthlyCost: this.cost(environmentClass, resourceTypes).amount,
    };
    const broken = checkRequest(
      environmentClass.baseline,
      desired,
      resources.map(
        (r, index): DesiredResource => ({ ...r, field: `resources[${index}]` }),
      ),
    );
    const refusing = blocking(broken);
    if (refusing.length) {
      throw new BaselineRefusalError(
        `The request breaks ${
          refusing.length === 1
            ? 'a blocking rule'
            : `${refusing.length} blocking rules`
        } of the ${environmentClass.baseline.name} baseline (class ${
          environmentClass.name
        }): ${broken
          .map(
            v =>
              `${v.field}: ${describeViolation(v)} [${v.rule}, ${
                v.severity
              }, see ${v.link}]`,
          )
          .join('; ')}`,
        [...new Set(refusing.map(v => v.rule))],
      );
    }
    return broken.map(v => ({
      field: v.field,
      message: describeViolation(v),
      rule: v.rule,
      severity: v.severity,
      link: v.link,
    }));
  }

  cost(environmentClass: EnvironmentClass, resourceTypes: string[]) {
    return estimateMonthlyCost(
      environmentClass,
      resourceTypes,
      this.deps.config.currency,
    );
  }

  /** The environment with its estimated cost from its class's prices. */
  withCost(environment: Environment): Environment {
    const environmentClass = this.deps.config.classes.get(environment.class);
    if (!environmentClass) return environment;
    return {
      ...environment,
      estimatedMonthlyCost: this.cost(
        environmentClass,
        environment.resources
          .filter(r => r.status !== 'destroyed')
          .map(r => r.type),
      ),
    };
  }

  /** The configured classes, as forms and cards need them. */
  summaries(): EnvironmentClassSummary[] {
    const { classes, currency } = this.deps.config;
    return [...classes.values()].map(c => ({
      name: c.name,
      tier: c.tier,
      lifecycle: c.lifecycle,
      description: c.description,
      ttl: c.ttl && {
        default: formatDuration(c.ttl.defaultMs),
        max: formatDuration(c.ttl.maxMs),
        warnBefore: formatDuration(c.ttl.warnBeforeMs),
      },
      resourceTypes: Object.keys(c.resources),
      maxEnvironmentsPerOwner: c.maxEnvironmentsPerOwner,
      baseMonthlyCost: { amount: c.baseMonthlyCost, currency },
    }));
  }
}

function describeViolation(v: RuleViolation): string {
  return `${v.message} (expected ${v.expected}, got ${v.observed})`;
}
