import { z } from 'zod';
import { operationStateSchema, operationTypeSchema } from './enums';

/** A point in time as the API writes it: ISO 8601 with an offset. @public */
export const timestampSchema = z.iso.datetime({ offset: true });

/** @public */
export const operationSchema = z
  .object({
    id: z.string(),
    environmentId: z.string(),
    resourceId: z.string().optional().meta({
      description:
        'Set when the operation concerns one resource rather than the whole environment.',
    }),
    type: operationTypeSchema,
    state: operationStateSchema,
    attempts: z.number().int().min(0),
    requestedBy: z.string(),
    createdAt: timestampSchema,
    startedAt: timestampSchema.optional(),
    finishedAt: timestampSchema.optional(),
    error: z.string().optional().meta({
      description: 'The last error, in words a user can act on.',
    }),
    nextAttemptAt: timestampSchema.optional().meta({
      description:
        'When a failed attempt that may succeed later is tried again.',
    }),
    scaffolderTaskId: z.string().optional(),
  })
  .meta({
    description:
      'A unit of work on an environment: queued, run (and retried) by the engine, then done.',
  });

/** @public */
export const operationListSchema = z.object({
  items: z.array(operationSchema),
});
