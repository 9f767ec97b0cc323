import { Config } from '@backstage/config';
import {
  DURATION_PATTERN,
  Lifecycle,
  parseDuration,
  Tier,
  TIERS,
} from '@paved/plugin-environments-common';
import { z } from 'zod';
import {
  Baseline,
  BaselineRule,
  RULE_IDS,
  RULE_PARAMS,
  RULE_SEVERITIES,
  RuleId,
} from '../baselines/rules';

/** How an ephemeral class's environments expire. */
export interface TtlPolicy {
  defaultMs: number;
  maxMs: number;
  warnBeforeMs: number;
}

/** Where one resource type of a class goes, and what it costs a month. */
export interface ClassResourceType {
  target: string;
  monthlyCost: number;
}

export interface EnvironmentClass {
  name: string;
  tier: Tier;
  lifecycle: Lifecycle;
  description?: string;
  ttl?: TtlPolicy;
  /** At most this many live environments of the class per owner group. */
  maxEnvironmentsPerOwner: number;
  /** The resource types it allows, keyed by type. */
  resources: Record<string, ClassResourceType>;
  /** The monthly cost of an environment of this class before its resources. */
  baseMonthlyCost: number;
  /** The rules its environments and resources must meet (no rules without one). */
  baseline: Baseline;
  /** What the reconciler does about drift: report it, or also re-apply the desired state. */
  drift: DriftPolicy;
}

export type DriftPolicy = 'report' | 'restore';

export interface EnvironmentsConfig {
  classes: Map<string, EnvironmentClass>;
  currency: string;
}

const duration = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as 30m, 4h or 7d')
  .transform(value => parseDuration(value)!);

const classSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][-a-z0-9]*$/, 'must be lowercase letters, digits and hyphens'),
    tier: z.enum(TIERS as [Tier, ...Tier[]]),
    lifecycle: z.enum(['static', 'ephemeral']),
    description: z.string().optional(),
    ttl: z
      .object({ default: duration, max: duration, warnBefore: duration.optional() })
      .strict()
      .optional(),
    maxEnvironmentsPerOwner: z.number().int().min(1).default(25),
    baseline: z.string().min(1).optional(),
    drift: z.enum(['report', 'restore']).default('report'),
    baseMonthlyCost: z.number().min(0).default(0),
    resources: z
      .record(
        z.string(),
        z
          .object({
            target: z.string().min(1),
            monthlyCost: z.number().min(0).default(0),
          })
          .strict(),
      )
      .default({}),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.lifecycle === 'ephemeral' && !value.ttl) {
      ctx.addIssue({
        code: 'custom',
        path: ['ttl'],
        message: 'is required for an ephemeral class (default and max)',
      });
    }
    if (value.lifecycle === 'static' && value.ttl) {
      ctx.addIssue({
        code: 'custom',
        path: ['ttl'],
        message: 'is only for ephemeral classes; static environments do not expire',
      });
    }
    if (value.ttl && value.ttl.default > value.ttl.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['ttl', 'default'],
        message: 'must not be longer than ttl.max',
      });
    }
  });

const ruleSchema = z
  .object({
    id: z.enum(RULE_IDS as [RuleId, ...RuleId[]], {
      error: `must be one of ${RULE_IDS.join(', ')}`,
    }),
    severity: z.enum(RULE_SEVERITIES as [string, ...string[]], {
      error: `must be one of ${RULE_SEVERITIES.join(', ')}`,
    }),
    message: z.string().min(1),
    link: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .superRefine((rule, ctx) => {
    // The link is the rule's section of the guidelines, whose anchor is the rule id.
    if (!rule.link.endsWith(`#${rule.id}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['link'],
        message: `must link to the rule's section, ending in #${rule.id}`,
      });
    }
    const params = RULE_PARAMS[rule.id].safeParse(rule.params);
    if (!params.success) {
      for (const issue of params.error.issues) {
        ctx.addIssue({
          code: 'custom',
          path: ['params', ...issue.path.map(p => p as string | number)],
          message: issue.message,
        });
      }
    }
  });

const baselineSchema = z
  .object({
    extends: z.string().min(1).optional(),
    description: z.string().optional(),
    rules: z.array(ruleSchema).default([]),
  })
  .strict();

const configSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').default('USD'),
    classes: z.array(classSchema).min(1, 'must list at least one class'),
    baselines: z.record(z.string(), baselineSchema).default({}),
  })
  .passthrough();

/**
 * Reads `environments` from app-config into typed classes. Wrong config stops the backend
 * with every broken key and its rule, e.g.
 * `environments.classes[3].ttl.max: must be a duration such as 30m, 4h or 7d`.
 */
export function readEnvironmentsConfig(config: Config): EnvironmentsConfig {
  const raw = config.getOptional('environments') ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Invalid environments configuration: ${parsed.error.issues
        .map(issue => `${configPath(issue.path, raw)}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  const baselines = resolveBaselines(parsed.data.baselines);
  const classes = new Map<string, EnvironmentClass>();
  parsed.data.classes.forEach((c, index) => {
    if (classes.has(c.name)) {
      throw new Error(
        `Invalid environments configuration: environments.classes[${index}].name: "${c.name}" is already the name of another class`,
      );
    }
    const baseline = c.baseline
      ? baselines.get(c.baseline)
      : { name: '', rules: new Map() };
    if (!baseline) {
      throw new Error(
        `Invalid environments configuration: environments.classes[${index}].baseline: there is no baseline named "${c.baseline}" in environments.baselines`,
      );
    }
    classes.set(c.name, {
      name: c.name,
      tier: c.tier,
      lifecycle: c.lifecycle,
      description: c.description,
      maxEnvironmentsPerOwner: c.maxEnvironmentsPerOwner,
      baseMonthlyCost: c.baseMonthlyCost,
      resources: c.resources,
      baseline,
      drift: c.drift,
      ttl: c.ttl && {
        defaultMs: c.ttl.default,
        maxMs: c.ttl.max,
        // Warn a tenth of the way before expiry unless told otherwise.
        warnBeforeMs: c.ttl.warnBefore ?? Math.round(c.ttl.default / 10),
      },
    });
  });
  return { classes, currency: parsed.data.currency };
}

type RawBaselines = z.output<typeof configSchema>['baselines'];

/**
 * An inherited rule's link, pointed at the child baseline's own guideline page when it
 * pointed at the parent's (`…/baselines/staging/#id` → `…/baselines/production/#id`):
 * each baseline's page documents every rule it enforces, with its own values and drift
 * policy, so a finding on a production database should not send its reader to staging's.
 * Any other link is kept as written.
 */
function inheritedLink(link: string, parent: string, child: string): string {
  const parentPage = `/baselines/${parent}/#`;
  const at = link.lastIndexOf(parentPage);
  if (at < 0) return link;
  return `${link.slice(0, at)}/baselines/${child}/#${link.slice(at + parentPage.length)}`;
}

/** Each baseline with the rules it inherits; a rule of its own replaces the parent's of that id. */
function resolveBaselines(raw: RawBaselines): Map<string, Baseline> {
  const resolved = new Map<string, Baseline>();
  const resolve = (name: string, chain: string[]): Baseline => {
    const done = resolved.get(name);
    if (done) return done;
    const own = raw[name];
    if (chain.includes(name)) {
      throw new Error(
        `Invalid environments configuration: environments.baselines.${chain[0]}.extends: inheritance goes round in a circle (${[...chain, name].join(' -> ')})`,
      );
    }
    const rules = new Map<RuleId, BaselineRule>();
    if (own.extends) {
      if (!raw[own.extends]) {
        throw new Error(
          `Invalid environments configuration: environments.baselines.${name}.extends: there is no baseline named "${own.extends}"`,
        );
      }
      for (const [id, rule] of resolve(own.extends, [...chain, name]).rules) {
        rules.set(id, { ...rule, link: inheritedLink(rule.link, own.extends, name) });
      }
    }
    for (const rule of own.rules) {
      rules.set(rule.id, {
        ...rule,
        severity: rule.severity as BaselineRule['severity'],
        params: RULE_PARAMS[rule.id].parse(rule.params) as BaselineRule['params'],
      });
    }
    const baseline = { name, rules };
    resolved.set(name, baseline);
    return baseline;
  };
  for (const name of Object.keys(raw)) resolve(name, []);
  return resolved;
}

/** The config key of an issue; under a baseline's rules it also names the rule's id. */
function configPath(path: PropertyKey[], raw: unknown): string {
  let node: any = raw;
  return path.reduce<string>((key, part) => {
    node = node?.[part as any];
    const step =
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${String(part)}`;
    const inRules = /\.baselines\.[^.]+\.rules$/.test(key);
    return inRules && typeof node?.id === 'string' ? `${step} (${node.id})` : step;
  }, 'environments');
}
