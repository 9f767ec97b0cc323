import { z } from 'zod';
import { findingSeveritySchema } from './enums';
import {
  environmentResourceSchema,
  environmentSchema,
  monthlyCostSchema,
} from './environment';
import { operationSchema } from './operation';

/** One check of a request against its class, in a plan or a refusal. @public */
export const validationMessageSchema = z.object({
  field: z.string(),
  message: z.string(),
  rule: z.string().optional().meta({
    description:
      "The baseline rule it is about, when it is one (an anchor of the guidelines' baselines page).",
  }),
  severity: findingSeveritySchema.optional(),
  link: z.string().optional().meta({
    description:
      'The guideline section explaining the rule (a TechDocs URL ending in `#<rule>`).',
  }),
});

/** @public */
export const plannedResourceSchema = environmentResourceSchema
  .pick({ type: true, name: true, provider: true, target: true, spec: true })
  .extend({
    spec: environmentResourceSchema.shape.spec.meta({
      description:
        'The spec as the provider completed it (defaults filled in).',
    }),
    preview: environmentResourceSchema.shape.spec.optional().meta({
      description:
        'What applying it would change, from providers that can tell before they act (the gitops provider: the files it would commit and their diff against the repository); absent for the others.',
    }),
  });

/** Why a request needs approval and who gives it, as a plan and a 202 say it. @public */
export const approvalNeedSchema = z
  .object({
    approvers: z.string().meta({
      description:
        'The group whose members decide, e.g. `group:default/platform-team`.',
    }),
    reasons: z.array(z.string()).min(1).meta({
      description:
        "What in the request made its class's approval policy ask for a decision.",
    }),
  })
  .meta({
    description:
      'Present when the request needs approval: nothing is provisioned until an approver approves it.',
  });

/** What a create request would do, without doing it (`?dryRun=true`). @public */
export const environmentPlanSchema = z.object({
  environment: environmentSchema
    .omit({
      id: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      resources: true,
    })
    .extend({ resources: z.array(plannedResourceSchema) }),
  warnings: z.array(validationMessageSchema),
  estimatedMonthlyCost: monthlyCostSchema,
  approval: approvalNeedSchema.optional(),
});

/** @public */
export const environmentAndOperationSchema = z
  .object({
    environment: environmentSchema,
    operation: operationSchema,
    warnings: z.array(validationMessageSchema).optional().meta({
      description:
        'Baseline rules the request breaks that do not refuse it; absent when none.',
    }),
    approval: approvalNeedSchema
      .extend({ requestId: z.string(), expiresAt: z.string() })
      .optional(),
  })
  .meta({
    description:
      'An environment and the operation a request queued or recorded for it.',
  });

/** @public */
export const resourceSecretSchema = z.object({ connectionString: z.string() });
