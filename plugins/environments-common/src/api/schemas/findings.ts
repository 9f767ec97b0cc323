import { z } from 'zod';
import { findingSeveritySchema } from './enums';
import { findingExceptionSchema } from './exceptions';
import { timestampSchema } from './operation';

/**
 * A baseline rule a live environment or resource breaks, seen by the reconciler: open
 * until it sees the rule met again. @public
 */
export const findingSchema = z.object({
  id: z.string(),
  environmentId: z.string(),
  environmentName: z.string(),
  entityRef: z.string().meta({
    description: 'The component or system the environment belongs to.',
  }),
  resourceId: z.string().optional().meta({
    description:
      "The resource it is about; absent for the environment's own rules.",
  }),
  resourceName: z.string().optional(),
  rule: z.string().meta({
    description:
      'The rule id, also the anchor of its section in the guidelines.',
  }),
  severity: findingSeveritySchema,
  field: z.string().meta({
    description: 'The setting it is about, e.g. `connectionLimit`.',
  }),
  message: z.string(),
  link: z
    .string()
    .meta({ description: 'The guideline section explaining the rule.' }),
  expected: z.string(),
  observed: z.string(),
  detectedAt: timestampSchema,
  resolvedAt: timestampSchema.optional().meta({
    description: 'When it was seen fixed; absent while open.',
  }),
  exception: findingExceptionSchema.optional().meta({
    description:
      'The approved exception that accepts it: while present, it does not degrade the environment.',
  }),
});

/** @public */
export const findingListSchema = z.object({ items: z.array(findingSchema) });
