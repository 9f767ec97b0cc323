import { z } from 'zod';
import { DURATION_PATTERN } from './duration';

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * An environment's name: a DNS label of at most 30 characters. With a resource name of
 * at most 16, every name a provider builds from them (a PostgreSQL database
 * `<environment>_<resource>_<id8>` and its role `…_owner`, at most 63 bytes; a Kubernetes
 * namespace) stays within its own limit, so a valid request never fails at provisioning.
 * @public
 */
export const environmentNameSchema = z
  .string()
  .max(30, 'must be at most 30 characters')
  .regex(
    DNS_LABEL,
    'must be a DNS label: lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  );

/** A resource's name within its environment (see environmentNameSchema for the limit). @public */
export const resourceNameSchema = z
  .string()
  .max(16, 'must be at most 16 characters')
  .regex(
    DNS_LABEL,
    'must be a DNS label: lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  );

/** @public */
export const groupRefSchema = z
  .string()
  .max(255, 'must be at most 255 characters')
  .regex(
    /^group:([a-z0-9][-a-z0-9_.]*\/)?[a-z0-9][-a-z0-9_.]*$/i,
    'must be a group entity ref such as group:default/checkout-team',
  );

/** @public */
export const entityRefSchema = z
  .string()
  .max(255, 'must be at most 255 characters')
  .regex(
    /^(component|system):([a-z0-9][-a-z0-9_.]*\/)?[a-z0-9][-a-z0-9_.]*$/i,
    'must be a component or system entity ref such as component:default/checkout-api',
  );

/**
 * One spelling per entity: `Component:Checkout-API` and `component:default/checkout-api`
 * are the same entity to the catalog, so they must be the same to us (storage, uniqueness,
 * filters, ownership rules).
 * @public
 */
export function normalizeEntityRef(ref: string): string {
  const [kind, rest] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
  const [namespace, name] = rest.includes('/') ? rest.split('/', 2) : ['default', rest];
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/** @public */
export const durationSchema = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as 30m, 4h or 7d');

/** @public */
export const resourceRequestSchema = z
  .object({
    type: z.string().min(1, 'must name a resource type'),
    name: resourceNameSchema,
    spec: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** The body of `POST /environments`. @public */
export const createEnvironmentRequestSchema = z
  .object({
    name: environmentNameSchema,
    class: z.string().min(1, 'must name an environment class'),
    owner: groupRefSchema,
    entityRef: entityRefSchema,
    ttl: durationSchema.optional(),
    resources: z.array(resourceRequestSchema).max(20).default([]),
  })
  .strict();

/** @public */
export type CreateEnvironmentRequest = z.input<
  typeof createEnvironmentRequestSchema
>;

/** @public */
export type ResourceRequest = z.input<typeof resourceRequestSchema>;

/** The body of `POST /environments/{id}/resources`. @public */
export const addResourcesRequestSchema = z
  .object({
    resources: z
      .array(resourceRequestSchema)
      .min(1, 'must list at least one resource')
      .max(20, 'must list at most 20 resources'),
  })
  .strict();

/** The body of `POST /environments/{id}/extend`. @public */
export const extendEnvironmentRequestSchema = z
  .object({ ttl: durationSchema })
  .strict();

/**
 * Turns zod issues into one line per field, `field: rule`, for a 400 a person can act on.
 * @public
 */
export function describeIssues(error: z.ZodError, prefix?: string): string {
  return error.issues
    .map(issue => {
      const path = [prefix, ...issue.path.map(String)]
        .filter(Boolean)
        .join('.');
      return `${path || '(body)'}: ${issue.message}`;
    })
    .join('; ');
}
