import { z } from 'zod';
import { lifecycleSchema, tierSchema } from './enums';
import { monthlyCostSchema } from './environment';

/**
 * What a configured environment class offers, as forms and cards need it.
 * Durations are in the form the config uses (`24h`, `7d`).
 * @public
 */
export const environmentClassSummarySchema = z.object({
  name: z.string(),
  tier: tierSchema,
  lifecycle: lifecycleSchema,
  description: z.string().optional(),
  ttl: z
    .object({ default: z.string(), max: z.string(), warnBefore: z.string() })
    .optional()
    .meta({ description: 'Ephemeral classes only.' }),
  resourceTypes: z
    .array(z.string())
    .meta({ description: 'The resource types it allows.' }),
  maxEnvironmentsPerOwner: z.number().int().min(1),
  baseMonthlyCost: monthlyCostSchema,
});

/** @public */
export const environmentClassListSchema = z.object({
  items: z.array(environmentClassSummarySchema),
});
