import { JsonObject } from '@backstage/types';
import { z } from 'zod';
import {
  environmentStatusSchema,
  findingSeveritySchema,
  lifecycleSchema,
  resourceStatusSchema,
  tierSchema,
} from './enums';
import { operationSchema, timestampSchema } from './operation';

// A resource's spec is whatever JSON its provider completed; typed as Backstage's
// JsonObject because the backend stores and hands on exactly that.
const specSchema = z.record(z.string(), z.unknown()) as z.ZodType<JsonObject>;

/** @public */
export const monthlyCostSchema = z.object({
  amount: z.number(),
  currency: z.string(),
});

/** Non-secret values a resource exposes: host, port, database, user, URLs. @public */
export const resourceOutputsSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .meta({
    description: 'Non-secret values such as host, port, database, user, URLs.',
  });

/** @public */
export const environmentResourceSchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  provider: z.string().meta({
    description: 'The provider that manages it, e.g. `postgres`.',
  }),
  target: z.string().meta({
    description: 'The provider target (a server, a cluster) it lives on.',
  }),
  status: resourceStatusSchema,
  statusReason: z.string().optional().meta({
    description:
      'Why the status is what it is, when that is not obvious (an error, a retry).',
  }),
  spec: specSchema,
  outputs: resourceOutputsSchema,
  lastObservedAt: timestampSchema.optional(),
});

const openCount = z.number().int().min(1);

/** @public */
export const environmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  class: z.string(),
  tier: tierSchema,
  lifecycle: lifecycleSchema,
  status: environmentStatusSchema,
  statusReason: z.string().optional(),
  owner: z.string().meta({
    description: 'The group that owns it, e.g. `group:default/checkout-team`.',
  }),
  entityRef: z.string().meta({
    description: 'The component or system it belongs to.',
  }),
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  expiresAt: timestampSchema
    .optional()
    .meta({ description: 'Ephemeral environments only.' }),
  resources: z.array(environmentResourceSchema),
  estimatedMonthlyCost: monthlyCostSchema,
  activeOperation: operationSchema.optional().meta({
    description:
      'The operation queued or running now, if any: what a card shows while provisioning.',
  }),
  scaffolderTaskId: z.string().optional().meta({
    description: 'The scaffolder task that created it, when a template did.',
  }),
  openFindings: openCount.optional().meta({
    description:
      'How many baseline findings are open and not accepted by an exception (`GET /environments/{id}/findings` lists them); absent when none.',
  }),
  openFindingsBySeverity: z
    .object({
      blocking: openCount.optional(),
      high: openCount.optional(),
      low: openCount.optional(),
    } satisfies Record<z.output<typeof findingSeveritySchema>, z.ZodType>)
    .optional()
    .meta({
      description:
        'The open findings by severity, e.g. `{ blocking: 1, high: 1 }`; absent when none. Findings an approved exception accepts are not counted here.',
    }),
  acceptedFindings: openCount.optional().meta({
    description:
      'How many open findings an approved baseline exception accepts; absent when none.',
  }),
});

/** @public */
export const environmentListSchema = z.object({
  items: z.array(environmentSchema),
  totalItems: z.number().int().min(0),
  nextCursor: z.string().optional().meta({
    description: 'Pass as `cursor` for the next page; absent on the last page.',
  }),
});
