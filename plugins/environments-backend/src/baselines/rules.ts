import { z } from 'zod';

/** How much breaking a rule matters: `blocking` refuses a request; `high` degrades an environment. */
export type RuleSeverity = 'blocking' | 'high' | 'low';

export const RULE_SEVERITIES: RuleSeverity[] = ['blocking', 'high', 'low'];

/** A PostgreSQL duration in one of its own units, as `statement_timeout` takes it. */
const PG_DURATION_PATTERN = /^([0-9]{1,10})(ms|s|min|h|d)?$/;
const PG_DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds of a PostgreSQL duration (`500ms`, `30s`, `5min`; a bare number is ms). */
export function pgDurationMs(value: string): number | undefined {
  const match = PG_DURATION_PATTERN.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * PG_DURATION_UNITS_MS[match[2] ?? 'ms'];
}

const pgDuration = z
  .string()
  .refine(
    value => pgDurationMs(value) !== undefined,
    'must be a PostgreSQL duration such as 500ms, 30s, 5min or 1h',
  );

const none = z.object({}).strict();

/**
 * The rules a baseline can hold, by id, each with the parameters it takes. The ids are the
 * anchors of the guideline pages: docs/baselines/index.md explains each rule in general, and
 * each baseline's page (docs/baselines/<name>.md, generated from app-config.yaml by
 * `yarn docs:baselines`) has its values, so every finding and refusal links to the section
 * that explains it. A new id needs a section in index.md and a description in
 * scripts/baseline-docs.js.
 */
export const RULE_PARAMS = {
  'postgres.connection-limit': z
    .object({
      min: z.number().int().min(1).default(1),
      max: z.number().int().min(1),
    })
    .strict()
    .refine(p => p.min <= p.max, { message: 'min must not be above max', path: ['min'] }),
  'postgres.statement-timeout': z.object({ max: pgDuration }).strict(),
  'postgres.owner-privileges': none,
  'postgres.database-owner': none,
  'postgres.extensions': z
    .object({ allow: z.array(z.string().min(1)).default([]) })
    .strict(),
  'resource.exists': none,
  'environment.ttl': none,
  'environment.owner-is-group': none,
  'environment.name-pattern': z
    .object({
      pattern: z.string().refine(isRegExp, 'must be a regular expression'),
    })
    .strict(),
  'environment.max-resources': z.object({ max: z.number().int().min(0) }).strict(),
  'environment.cost-budget': z.object({ max: z.number().min(0) }).strict(),
} as const;

export type RuleId = keyof typeof RULE_PARAMS;

export const RULE_IDS = Object.keys(RULE_PARAMS) as RuleId[];

export type RuleParams<Id extends RuleId> = z.output<(typeof RULE_PARAMS)[Id]>;

/** One rule of a resolved baseline. */
export interface BaselineRule<Id extends RuleId = RuleId> {
  id: Id;
  severity: RuleSeverity;
  /** What a developer reads when the rule is broken. */
  message: string;
  /** The guideline section that explains it, a TechDocs URL ending in `#<id>`. */
  link: string;
  params: RuleParams<Id>;
}

/** A baseline with its inheritance resolved: the rules by id. */
export interface Baseline {
  name: string;
  rules: Map<RuleId, BaselineRule>;
}

function isRegExp(value: string): boolean {
  try {
    return new RegExp(value) instanceof RegExp;
  } catch {
    return false;
  }
}
