import { z } from 'zod';
import { DURATION_PATTERN } from '../../duration';

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_RULE =
  'must be a DNS label: lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit';

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
  .regex(DNS_LABEL, DNS_LABEL_RULE)
  .meta({
    description: 'A DNS label of at most 30 characters.',
    examples: ['pr-42'],
  });

/** A resource's name within its environment (see environmentNameSchema for the limit). @public */
export const resourceNameSchema = z
  .string()
  .max(16, 'must be at most 16 characters')
  .regex(DNS_LABEL, DNS_LABEL_RULE)
  .meta({
    description:
      'A DNS label of at most 16 characters, unique within the environment.',
    examples: ['main'],
  });

/** @public */
export const groupRefSchema = z
  .string()
  .max(255, 'must be at most 255 characters')
  .regex(
    /^group:([a-z0-9][-a-z0-9_.]*\/)?[a-z0-9][-a-z0-9_.]*$/i,
    'must be a group entity ref such as group:default/checkout-team',
  )
  .meta({
    description:
      'A group entity ref such as `group:default/checkout-team`. Stored in one spelling: lower case, with the namespace (`group:Team-A` becomes `group:default/team-a`).',
    examples: ['group:default/checkout-team'],
  });

/** @public */
export const entityRefSchema = z
  .string()
  .max(255, 'must be at most 255 characters')
  .regex(
    /^(component|system):([a-z0-9][-a-z0-9_.]*\/)?[a-z0-9][-a-z0-9_.]*$/i,
    'must be a component or system entity ref such as component:default/checkout-api',
  )
  .meta({
    description:
      'A component or system entity ref such as `component:default/checkout-api`. Stored and filtered in one spelling: lower case, with the namespace.',
    examples: ['component:default/checkout-api'],
  });

/**
 * One spelling per entity: `Component:Checkout-API` and `component:default/checkout-api`
 * are the same entity to the catalog, so they must be the same to us (storage, uniqueness,
 * filters, ownership rules).
 * @public
 */
export function normalizeEntityRef(ref: string): string {
  const [kind, rest] = [
    ref.slice(0, ref.indexOf(':')),
    ref.slice(ref.indexOf(':') + 1),
  ];
  const [namespace, name] = rest.includes('/')
    ? rest.split('/', 2)
    : ['default', rest];
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/** @public */
export const durationSchema = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as 30m, 4h or 7d')
  .meta({
    description:
      'A whole number and one unit (m, h, d), such as `30m`, `4h` or `7d`.',
    examples: ['4h'],
  });
