import { z } from 'zod';
import { approvalStateSchema, operationTypeSchema, tierSchema } from './enums';
import { monthlyCostSchema } from './environment';
import { plannedResourceSchema, validationMessageSchema } from './plan';

/** A request that needed approval, with its plan and its decision. @public */
export const approvalRequestSchema = z.object({
  id: z.string(),
  state: approvalStateSchema,
  environmentId: z.string(),
  environmentName: z.string(),
  entityRef: z.string(),
  owner: z.string(),
  class: z.string(),
  tier: tierSchema,
  operationId: z.string(),
  operationType: operationTypeSchema,
  approvers: z.string(),
  reasons: z.array(z.string()),
  requestedBy: z.string(),
  reason: z.string().optional().meta({
    description: "The requester's reason for asking.",
  }),
  resources: z.array(plannedResourceSchema).meta({
    description: 'The resources it provisions once approved.',
  }),
  estimatedMonthlyCost: monthlyCostSchema,
  warnings: z.array(validationMessageSchema).meta({
    description: 'The baseline rules the request breaks.',
  }),
  createdAt: z.string(),
  expiresAt: z.string().meta({
    description: 'When it expires if nobody decides.',
  }),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  comment: z.string().optional().meta({
    description: "The approver's comment; the reason of a rejection.",
  }),
});

/** @public */
export const approvalRequestListSchema = z.object({
  items: z.array(approvalRequestSchema),
});

/** The body of `POST /requests/{id}/decision`. @public */
export const decideRequestBodySchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z
      .string()
      .max(2000, 'must be at most 2000 characters')
      .optional()
      .meta({
        description:
          'Required to reject: the requester reads it as the reason.',
      }),
  })
  .strict();
