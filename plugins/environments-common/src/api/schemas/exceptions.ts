import { z } from 'zod';
import { exceptionStateSchema } from './enums';
import { timestampSchema } from './operation';

/**
 * A time-boxed exception to a baseline rule of severity `high` for one environment (and
 * one of its resources): while approved, its findings are accepted and do not degrade
 * the environment. @public
 */
export const baselineExceptionSchema = z.object({
  id: z.string(),
  state: exceptionStateSchema,
  environmentId: z.string(),
  environmentName: z.string(),
  entityRef: z.string(),
  owner: z.string(),
  class: z.string(),
  rule: z
    .string()
    .meta({ description: 'The rule id, e.g. `postgres.statement-timeout`.' }),
  resourceId: z.string().optional().meta({
    description:
      "The resource it covers; absent for the environment's own rules.",
  }),
  resourceName: z.string().optional(),
  justification: z.string(),
  // Its own date-time (not the shared Timestamp): a described $ref would not compile.
  until: z.iso.datetime({ offset: true }).meta({
    description: 'When the exception ends and its findings count again.',
  }),
  approvers: z.string(),
  requestedBy: z.string(),
  createdAt: timestampSchema,
  decidedBy: z.string().optional(),
  decidedAt: timestampSchema.optional(),
  comment: z.string().optional().meta({
    description: "The approver's comment; the reason of a rejection.",
  }),
});

/** @public */
export const baselineExceptionListSchema = z.object({
  items: z.array(baselineExceptionSchema),
});

/** The body of `POST /environments/{id}/exceptions`. @public */
export const requestExceptionBodySchema = z
  .object({
    rule: z.string().min(1, 'must name a rule of the environment baseline'),
    resourceId: z.string().min(1).optional().meta({
      description:
        "The resource the exception covers, e.g. the finding's `resourceId`; omit it for the environment's own rules.",
    }),
    justification: z
      .string()
      .trim()
      .min(1, 'must say why the rule cannot be met for now')
      .max(2000, 'must be at most 2000 characters'),
    until: z.iso.datetime({ offset: true }).meta({
      description:
        'When it ends: in the future, and within `environments.exceptions.maxDuration` (default 90 days).',
    }),
  })
  .strict();

/** How an exception appears on the findings it accepts. @public */
export const findingExceptionSchema = z.object({
  id: z.string(),
  acceptedBy: z.string(),
  until: timestampSchema,
  justification: z.string(),
});
