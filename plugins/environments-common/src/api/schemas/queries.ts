import { z } from 'zod';
import {
  approvalStateSchema,
  environmentStatusSchema,
  exceptionStateSchema,
  findingSeveritySchema,
  tierSchema,
} from './enums';

// Query strings and headers arrive as text: each schema's output is what the router works
// with, and String() of that output is what a client sends (see the client's send).

const trueOrFalse = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform(value => value === 'true');

/** One value or the parameter repeated; the document lists it as an array. */
const repeatable = z.union([z.string(), z.array(z.string())]);

/** The path parameter of the routes under `/environments/{id}`. @public */
export const environmentIdParamsSchema = z.object({
  id: z.string().meta({
    description:
      "The environment's id. An environment the caller may not read is a 404.",
  }),
});

/** @public */
export const resourceIdParamsSchema = z.object({
  id: z.string().meta({ description: "The resource's id." }),
});

/** The query of `POST /environments` and `POST /environments/{id}/resources`; other parameters are ignored. @public */
export const createEnvironmentQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform(value => value === 'true')
    .meta({
      description:
        '`true` answers 200 with the plan and stores nothing; `false` (the default) makes the change. Any other value is refused (400), so a misspelt dry run never creates.',
    }),
});

/** The headers `POST /environments` reads. @public */
export const createEnvironmentHeadersSchema = z.object({
  'Idempotency-Key': z
    .string()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .optional()
    .meta({
      description:
        'Makes retries safe; scoped to the caller. Ignored on a dry run.',
    }),
  'x-paved-scaffolder-task-id': z
    .string()
    .max(255, 'must be at most 255 characters')
    .optional()
    .meta({
      description:
        'The scaffolder task that asked, recorded on the create operation.',
    }),
});

/** The filters and page of `GET /environments`; any other parameter is refused. @public */
export const listEnvironmentsQuerySchema = z
  .object({
    entityRef: repeatable.optional().meta({
      description:
        'The component or system; repeat for several. Lower-cased, then compared with the reference as it was stored (as the create request spelled it).',
    }),
    owner: z.string().optional(),
    class: z.string().optional(),
    tier: tierSchema.optional(),
    status: environmentStatusSchema.optional().meta({
      description:
        '`destroyed` is the only way to list destroyed environments.',
    }),
    expiringBefore: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
      .optional()
      .meta({ description: 'Only environments that expire before this time.' }),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z
      .string()
      .regex(/^\d+$/, 'must be a cursor from an earlier page')
      .optional()
      .meta({ description: 'The `nextCursor` of an earlier page.' }),
    hasFindings: trueOrFalse.optional().meta({
      description:
        'Only environments with (`true`) or without (`false`) an open baseline finding.',
    }),
  })
  .strict();

/** The filters of `GET /findings`; any other parameter is refused. @public */
export const listFindingsQuerySchema = z
  .object({
    entityRef: repeatable.optional().meta({
      description:
        'The component or system whose environments; repeat for several.',
    }),
    severity: findingSeveritySchema.optional(),
    state: z.enum(['open', 'resolved']).optional().meta({
      description: 'Open or resolved findings; both when absent.',
    }),
  })
  .strict();

/** The query of `DELETE /environments/{id}`; other parameters are ignored. @public */
export const destroyEnvironmentQuerySchema = z.object({
  confirm: z.string().optional().meta({
    description:
      "The environment's name; required for a production environment.",
  }),
});

/** The path parameter of the routes under `/requests/{id}`. @public */
export const requestIdParamsSchema = z.object({
  id: z.string().meta({ description: "The request's id." }),
});

/** The filters of `GET /requests`. @public */
export const listRequestsQuerySchema = z
  .object({
    state: approvalStateSchema.optional(),
    class: z.string().optional(),
    owner: z.string().optional().meta({
      description:
        'The owner group of the environment, e.g. `group:default/checkout-team`.',
    }),
    entityRef: repeatable.optional(),
    environmentId: z.string().optional(),
    mine: trueOrFalse.optional().meta({
      description: '`true`: only the requests the caller made.',
    }),
    toDecide: trueOrFalse.optional().meta({
      description:
        '`true`: only the pending requests the caller is an approver of.',
    }),
  })
  .strict();

/** The path of `/exceptions/{id}/…`. @public */
export const exceptionIdParamsSchema = z.object({
  id: z.string().meta({ description: "The exception's id." }),
});

/** The filters of `GET /exceptions`. @public */
export const listExceptionsQuerySchema = z
  .object({
    state: exceptionStateSchema.optional(),
    environmentId: z.string().optional(),
    entityRef: repeatable.optional(),
    mine: trueOrFalse.optional().meta({
      description: '`true`: only the exceptions the caller asked for.',
    }),
    toDecide: trueOrFalse.optional().meta({
      description:
        '`true`: only the pending exceptions the caller is an approver of.',
    }),
  })
  .strict();
