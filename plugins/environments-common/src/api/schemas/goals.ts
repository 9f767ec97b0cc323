import { z } from 'zod';
import { GOAL_METRIC_IDS } from '../../goalMetrics';
import { tierSchema } from './enums';
import { timestampSchema } from './operation';

/** @public */
export const goalMetricSchema = z.enum(GOAL_METRIC_IDS).meta({
  description:
    'A metric of the catalogue; the guidelines (goals) define each exactly.',
});

/** @public */
export const goalStatusSchema = z
  .enum(['reached', 'on-track', 'behind', 'missed', 'no-data'])
  .meta({
    description:
      '`reached`: the value meets the target. `on-track`: its trend over the last 30 days meets the target by the due date. `behind`: it does not. `missed`: the due date has passed unmet. `no-data`: nothing to measure yet (no environment in scope, nothing in the window).',
  });

/** Which environments a goal is about; every field narrows it. @public */
export const goalScopeSchema = z.object({
  tier: tierSchema.optional(),
  class: z.string().optional(),
  owner: z
    .string()
    .optional()
    .meta({ description: 'The owner group of the environments.' }),
  system: z.string().optional().meta({
    description:
      'A system entity ref: its environments and those of its components.',
  }),
});

/** One day of a goal's history. @public */
export const goalSnapshotSchema = z.object({
  day: z.iso.date().meta({ description: 'The day (UTC), `YYYY-MM-DD`.' }),
  value: z.number().nullable(),
  target: z.number(),
  status: goalStatusSchema,
  example: z.boolean().optional().meta({
    description:
      '`true` for a day of the example history a portal may start with (`environments.goalSnapshots.exampleHistory`): made up, not measured, and never counted for the status.',
  }),
});

const goalFields = {
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  owner: z.string().meta({ description: 'The group that owns the goal.' }),
  metric: goalMetricSchema,
  statistic: z.string().meta({
    description:
      'The statistic of the metric the target is set for, e.g. `p90`.',
  }),
  unit: z.enum(['percent', 'hours', 'currency', 'count']),
  currency: z
    .string()
    .optional()
    .meta({ description: 'The ISO 4217 code of a `currency` value.' }),
  scope: goalScopeSchema,
  windowDays: z.number().int().optional().meta({
    description:
      'The days, ending now, a windowed metric measures; absent for a metric of the current state.',
  }),
  target: z.object({
    value: z.number(),
    direction: z.enum(['atLeast', 'atMost']),
  }),
  due: z.iso.date(),
  value: z
    .number()
    .nullable()
    .meta({ description: 'The current value; null while there is no data.' }),
  statistics: z.record(z.string(), z.number().nullable()).meta({
    description: "Every statistic of the goal's metric, now.",
  }),
  status: goalStatusSchema,
  onTrack: z.boolean().meta({ description: '`reached` or `on-track`.' }),
  history: z.array(goalSnapshotSchema).meta({
    description: 'One snapshot a day over the last 90 days, oldest first.',
  }),
  computedAt: timestampSchema,
};

/** A goal with its current value and the last 90 days of snapshots. @public */
export const goalSchema = z.object(goalFields);

/** @public */
export const goalListSchema = z.object({ items: z.array(goalSchema) });

/** The goal's value over one owner group's or class's environments. @public */
export const goalBreakdownRowSchema = z.object({
  key: z.string().meta({ description: 'The owner group or the class.' }),
  value: z.number().nullable(),
  count: z.number().int().meta({
    description:
      'How many environments (findings, operations) the value is made of.',
  }),
});

/** An environment that keeps a goal from its target, with why. @public */
export const goalHolderSchema = z.object({
  environmentId: z.string().optional().meta({
    description:
      'Absent for a create request refused by its baseline: no environment was made.',
  }),
  name: z.string(),
  entityRef: z.string(),
  owner: z.string(),
  class: z.string(),
  tier: tierSchema,
  reason: z
    .string()
    .meta({ description: 'What holds the goal back, said plainly.' }),
  value: z.number().optional().meta({
    description:
      "This environment's own number, in the goal's unit where it has one (hours, cost).",
  }),
  findingIds: z.array(z.string()).optional(),
  operationIds: z.array(z.string()).optional(),
});

/** A goal with its breakdown and the environments that hold it back. @public */
export const goalDetailSchema = z.object({
  ...goalFields,
  breakdown: z.object({
    byOwner: z.array(goalBreakdownRowSchema),
    byClass: z.array(goalBreakdownRowSchema),
  }),
  holdingBack: z.array(goalHolderSchema).meta({
    description:
      'At most 50, worst first, of the environments the caller may read.',
  }),
});

/** What `POST /goals/snapshots` recorded. @public */
export const goalSnapshotRunSchema = z.object({
  day: z.iso.date(),
  items: z.array(
    goalSnapshotSchema
      .extend({ goalId: z.string() })
      .omit({ day: true, example: true }),
  ),
});

/** The filters of `GET /goals`. @public */
export const listGoalsQuerySchema = z
  .object({
    group: z.string().optional().meta({
      description:
        'Only the goals this group owns or is the scope of, e.g. `group:default/checkout-team`.',
    }),
  })
  .strict();

/** The path of `/goals/{id}`. @public */
export const goalIdParamsSchema = z.object({
  id: z.string().meta({ description: "The goal's id, as configured." }),
});

/** One day of a goal's exported history, with every statistic of its metric. @public */
export const goalHistoryRowSchema = goalSnapshotSchema.extend({
  direction: z.enum(['atLeast', 'atMost']).meta({
    description: 'The side of the target the goal wanted that day.',
  }),
  onTrack: z.boolean().meta({ description: '`reached` or `on-track`.' }),
  statistics: z.record(z.string(), z.number().nullable()).meta({
    description: "Every statistic of the goal's metric that day.",
  }),
});

/** Every snapshot of one goal, for a report. @public */
export const goalHistorySchema = z.object({
  goalId: z.string(),
  title: z.string(),
  metric: goalMetricSchema,
  statistic: z.string(),
  unit: z.enum(['percent', 'hours', 'currency', 'count']),
  currency: z.string().optional(),
  items: z.array(goalHistoryRowSchema).meta({
    description: 'One snapshot a day, oldest first.',
  }),
});

const dayParam = (description: string) =>
  z.iso
    .date({ error: 'must be a day, YYYY-MM-DD' })
    .optional()
    .meta({ description });

/** The filters and format of `GET /goals/{id}/history`. @public */
export const goalHistoryQuerySchema = z
  .object({
    format: z
      .enum(['json', 'csv'], { error: 'must be json or csv' })
      .default('json')
      .meta({
        description:
          '`csv` answers `text/csv` with a header row, one line per day; `json` (the default) the same as JSON.',
      }),
    from: dayParam('The first day (UTC) to export, inclusive.'),
    to: dayParam('The last day (UTC) to export, inclusive.'),
  })
  .strict()
  .refine(q => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    error: 'must not be before from',
  });
