import { z } from 'zod';
import {
  durationSchema,
  entityRefSchema,
  environmentNameSchema,
  groupRefSchema,
  resourceNameSchema,
} from './names';

/** @public */
export const resourceRequestSchema = z
  .object({
    type: z.string().min(1, 'must name a resource type').meta({
      description:
        'A resource type the class allows, e.g. `postgres-database`.',
    }),
    name: resourceNameSchema,
    spec: z
      .record(z.string(), z.unknown())
      .default({})
      .meta({ description: "Checked by the resource type's provider." }),
  })
  .strict();

/** A baseline exception asked for with the request: decided once the environment exists. @public */
export const exceptionOnRequestSchema = z
  .object({
    rule: z.string().min(1, 'must name a rule of the class baseline'),
    resource: resourceNameSchema.optional().meta({
      description:
        "The requested resource it covers, by name; omit it for the environment's own rules.",
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

/** The body of `POST /environments`. @public */
export const createEnvironmentRequestSchema = z
  .object({
    name: environmentNameSchema,
    class: z
      .string()
      .min(1, 'must name an environment class')
      .meta({ description: 'A class from the `environments.classes` config.' }),
    owner: groupRefSchema,
    entityRef: entityRefSchema,
    ttl: durationSchema.optional().meta({
      description:
        "Ephemeral classes only; defaults to the class's TTL, at most its maximum.",
    }),
    resources: z.array(resourceRequestSchema).max(20).default([]),
    reason: z
      .string()
      .max(2000, 'must be at most 2000 characters')
      .optional()
      .meta({
        description:
          'Why it is needed; approvers read it when the request needs approval.',
      }),
    exceptions: z
      .array(exceptionOnRequestSchema)
      .max(10, 'must list at most 10 exceptions')
      .optional()
      .meta({
        description:
          'Exceptions to `high` baseline rules the request breaks, each with a justification and an end date. Checked with the request (a 400 names the field); once the environment exists they wait for the approver group like `POST /environments/{id}/exceptions`.',
      }),
  })
  .strict();

/** The body of `POST /environments/{id}/resources`. @public */
export const addResourcesRequestSchema = z
  .object({
    resources: z
      .array(resourceRequestSchema)
      .min(1, 'must list at least one resource')
      .max(20, 'must list at most 20 resources'),
    reason: z
      .string()
      .max(2000, 'must be at most 2000 characters')
      .optional()
      .meta({
        description:
          'Why it is needed; approvers read it when the request needs approval.',
      }),
  })
  .strict();

/** The body of `POST /environments/{id}/extend`. @public */
export const extendEnvironmentRequestSchema = z
  .object({ ttl: durationSchema })
  .strict();
