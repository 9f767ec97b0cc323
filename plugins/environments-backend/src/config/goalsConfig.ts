import { Config } from '@backstage/config';
import {
  DURATION_PATTERN,
  GOAL_METRIC_IDS,
  GOAL_METRICS,
  GoalDirection,
  GoalMetric,
  GoalUnit,
  normalizeEntityRef,
  parseDuration,
  Tier,
  TIERS,
} from '@paved/plugin-environments-common';
import { z } from 'zod';

/** Which environments a goal is about; every field narrows it. */
export interface GoalScope {
  tier?: Tier;
  class?: string;
  owner?: string;
  system?: string;
}

/** A goal of `environments.goals`, resolved: its statistic, unit and direction known. */
export interface GoalDefinition {
  id: string;
  title: string;
  description?: string;
  owner: string;
  metric: GoalMetric;
  statistic: string;
  unit: GoalUnit;
  scope: GoalScope;
  target: number;
  direction: GoalDirection;
  /** The days a windowed metric measures, ending now; undefined for the current state. */
  windowDays?: number;
  /** YYYY-MM-DD. */
  due: string;
}

const DAY_MS = 24 * 3600_000;
const groupRef = z
  .string()
  .regex(/^group:./, 'must be a group ref such as group:default/platform-team')
  .transform(normalizeEntityRef);

const goalSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z][-a-z0-9]*$/,
        'must be lowercase letters, digits and hyphens',
      )
      .max(63, 'must be at most 63 characters'),
    title: z.string().min(1, 'must not be empty'),
    description: z.string().optional(),
    owner: groupRef,
    metric: z.enum(GOAL_METRIC_IDS, {
      error: issue =>
        `unknown metric ${JSON.stringify(
          issue.input,
        )}; one of ${GOAL_METRIC_IDS.join(', ')}`,
    }),
    statistic: z.string().optional(),
    scope: z
      .object({
        tier: z.enum(TIERS as [Tier, ...Tier[]]).optional(),
        class: z.string().optional(),
        owner: groupRef.optional(),
        system: z
          .string()
          .regex(
            /^system:./,
            'must be a system ref such as system:default/checkout',
          )
          .transform(normalizeEntityRef)
          .optional(),
      })
      .strict()
      .default({}),
    target: z.union(
      [
        z.number(),
        z.object({ atLeast: z.number() }).strict(),
        z.object({ atMost: z.number() }).strict(),
      ],
      {
        error:
          'must be a number, or { atLeast: <number> } or { atMost: <number> }',
      },
    ),
    window: z
      .string()
      .regex(DURATION_PATTERN, 'must be a duration in days such as 30d')
      .transform(value => parseDuration(value)!)
      .refine(
        ms => ms >= DAY_MS && ms % DAY_MS === 0,
        'must be a whole number of days such as 30d',
      )
      .optional(),
    due: z.iso.date({ error: 'must be a date such as 2027-03-31' }),
  })
  .strict();

/**
 * Reads `environments.goals`: each goal's metric from the catalogue, the statistic its
 * target is for (the metric's default unless it names one) and the direction (the
 * statistic's unless the target says `atLeast` or `atMost`). Wrong config stops the
 * backend naming the key, e.g. `environments.goals[2].metric: unknown metric "x"; one of …`.
 */
export function readGoalsConfig(
  config: Config,
  classNames: string[],
): GoalDefinition[] {
  const raw = config.getOptional('environments.goals') ?? [];
  const fail = (key: string, message: string): never => {
    throw new Error(
      `Invalid environments configuration: environments.goals${key}: ${message}`,
    );
  };
  if (!Array.isArray(raw)) fail('', 'must be a list of goals');
  const ids = new Set<string>();
  return (raw as unknown[]).map((item, index) => {
    const parsed = goalSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(
        `[${index}]${issue.path.map(p => `.${String(p)}`).join('')}`,
        issue.message,
      );
    }
    const goal = parsed.data!;
    const at = (key: string) => `[${index}].${key}`;
    if (ids.has(goal.id))
      fail(at('id'), `"${goal.id}" is already the id of another goal`);
    ids.add(goal.id);
    const metric = GOAL_METRICS[goal.metric];
    const statistic = goal.statistic ?? metric.defaultStatistic;
    const statistics: Record<
      string,
      { unit: GoalUnit; direction: GoalDirection }
    > = metric.statistics;
    const definition = statistics[statistic];
    if (!definition) {
      fail(
        at('statistic'),
        `the ${
          goal.metric
        } metric has no statistic "${statistic}"; one of ${Object.keys(
          statistics,
        ).join(', ')}`,
      );
    }
    if (goal.scope.class && !classNames.includes(goal.scope.class)) {
      fail(
        at('scope.class'),
        `there is no class named "${goal.scope.class}" in environments.classes`,
      );
    }
    if (goal.window !== undefined && !metric.windowed) {
      fail(
        at('window'),
        `the ${goal.metric} metric measures the current state and takes no window`,
      );
    }
    const { target, direction } = readTarget(goal.target, definition.direction);
    if (definition.unit === 'percent' && (target < 0 || target > 100)) {
      fail(at('target'), `is a percentage for ${statistic}: between 0 and 100`);
    }
    return {
      id: goal.id,
      title: goal.title,
      description: goal.description,
      owner: goal.owner,
      metric: goal.metric,
      statistic,
      unit: definition.unit,
      scope: goal.scope,
      target,
      direction,
      windowDays: metric.windowed
        ? (goal.window ?? 30 * DAY_MS) / DAY_MS
        : undefined,
      due: goal.due,
    };
  });
}

/** A bare number takes the statistic's direction; `atLeast` or `atMost` says its own. */
function readTarget(
  target: number | { atLeast: number } | { atMost: number },
  implied: GoalDirection,
): { target: number; direction: GoalDirection } {
  if (typeof target === 'number') return { target, direction: implied };
  if ('atLeast' in target) {
    return { target: target.atLeast, direction: 'atLeast' };
  }
  return { target: target.atMost, direction: 'atMost' };
}
