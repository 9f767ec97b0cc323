import { Config } from '@backstage/config';
import {
  DURATION_PATTERN,
  Lifecycle,
  parseDuration,
  Tier,
  TIERS,
} from '@paved/plugin-environments-common';
import { z } from 'zod';
import { Baseline, BaselineRuleRegistry } from '../baselines';
import {
  ApprovalConfig,
  approvalSchema,
  resolveApproval,
} from './approvalConfig';
import { baselinesSchema, resolveBaselines } from './baselinesConfig';
import { GoalDefinition, readGoalsConfig } from './goalsConfig';

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
  /** When its requests need a decision; without it, none do. */
  approval?: ApprovalConfig;
}

export type DriftPolicy = 'report' | 'restore';

/** How long baseline exceptions may last, and when owners hear that one ends. */
export interface ExceptionsPolicy {
  maxMs: number;
  noticeBeforeMs: number;
  /** Who decides exceptions of classes without an approval policy. */
  platformGroup?: string;
}

export interface EnvironmentsConfig {
  classes: Map<string, EnvironmentClass>;
  currency: string;
  exceptions: ExceptionsPolicy;
  /** `environments.goals`: the shared goals, in config order. */
  goals: GoalDefinition[];
  /** `environments.goalSnapshots.exampleHistory`: seed 90 days of example history. */
  exampleHistory: boolean;
}

const duration = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as 30m, 4h or 7d')
  .transform(value => parseDuration(value)!);

const classSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[a-z][-a-z0-9]*$/,
        'must be lowercase letters, digits and hyphens',
      ),
    tier: z.enum(TIERS as [Tier, ...Tier[]]),
    lifecycle: z.enum(['static', 'ephemeral']),
    description: z.string().optional(),
    ttl: z
      .object({
        default: duration,
        max: duration,
        warnBefore: duration.optional(),
      })
      .strict()
      .optional(),
    maxEnvironmentsPerOwner: z.number().int().min(1).default(25),
    baseline: z.string().min(1).optional(),
    drift: z.enum(['report', 'restore']).default('report'),
    approval: approvalSchema.optional(),
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
        message:
          'is only for ephemeral classes; static environments do not expire',
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

function configSchema(registry: BaselineRuleRegistry) {
  return z
    .object({
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
        .default('USD'),
      classes: z.array(classSchema).min(1, 'must list at least one class'),
      baselines: baselinesSchema(registry),
      exceptions: z
        .object({
          maxDuration: duration.default(parseDuration('90d')!),
          noticeBefore: duration.default(parseDuration('3d')!),
        })
        .strict()
        .default({
          maxDuration: parseDuration('90d')!,
          noticeBefore: parseDuration('3d')!,
        }),
    })
    .passthrough();
}

/**
 * Reads `environments` from app-config into typed classes, its baselines made of the
 * registered rules (the backend's and the installed providers'). Wrong config stops the
 * backend with every broken key and its rule, e.g.
 * `environments.classes[3].ttl.max: must be a duration such as 30m, 4h or 7d`.
 */
export function readEnvironmentsConfig(
  config: Config,
  rules: BaselineRuleRegistry,
): EnvironmentsConfig {
  const raw = config.getOptional('environments') ?? {};
  const parsed = configSchema(rules).safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Invalid environments configuration: ${parsed.error.issues
        .map(issue => `${configPath(issue.path, raw)}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  const baselines = resolveBaselines(parsed.data.baselines, rules);
  const classes = new Map<string, EnvironmentClass>();
  parsed.data.classes.forEach((c, index) => {
    if (classes.has(c.name)) {
      throw new Error(
        `Invalid environments configuration: environments.classes[${index}].name: "${c.name}" is already the name of another class`,
      );
    }
    const baseline = c.baseline
      ? baselines.get(c.baseline)
      : new Baseline('', new Map(), rules);
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
      approval: resolveApproval(
        c.approval,
        config.getOptionalString('paved.permissions.platformGroup'),
        `environments.classes[${index}].approval`,
      ),
      ttl: c.ttl && {
        defaultMs: c.ttl.default,
        maxMs: c.ttl.max,
        // Warn a tenth of the way before expiry unless told otherwise.
        warnBeforeMs: c.ttl.warnBefore ?? Math.round(c.ttl.default / 10),
      },
    });
  });
  return {
    classes,
    currency: parsed.data.currency,
    exceptions: {
      maxMs: parsed.data.exceptions.maxDuration,
      noticeBeforeMs: parsed.data.exceptions.noticeBefore,
      platformGroup: config.getOptionalString(
        'paved.permissions.platformGroup',
      ),
    },
    goals: readGoalsConfig(config, [...classes.keys()]),
    exampleHistory:
      config.getOptionalBoolean('environments.goalSnapshots.exampleHistory') ??
      false,
  };
}

/** The config key of an issue; under a baseline's rules it also names the rule's id. */
function configPath(path: PropertyKey[], raw: unknown): string {
  let node: any = raw;
  return path.reduce<string>((key, part) => {
    node = node?.[part as any];
    const step =
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${String(part)}`;
    const inRules = /\.baselines\.[^.]+\.rules$/.test(key);
    return inRules && typeof node?.id === 'string'
      ? `${step} (${node.id})`
      : step;
  }, 'environments');
}
