import { Entity } from '@backstage/catalog-model';
import { EnvironmentStatus, Lifecycle, MonthlyCost, Tier } from './types';

/** The apiVersion of Paved's `Environment` kind. @public */
export const ENVIRONMENT_API_VERSION = 'paved.dev/v1alpha1';

/** The kind of environment entities. @public */
export const ENVIRONMENT_KIND = 'Environment';

/**
 * From an environment to the component or system it belongs to (`spec.environmentOf`).
 * @public
 */
export const RELATION_ENVIRONMENT_OF = 'environmentOf';

/** From a component or system to each of its environments. @public */
export const RELATION_HAS_ENVIRONMENT = 'hasEnvironment';

/**
 * Where an `Environment` entity comes from: `paved` (provisioned by the environments
 * service, published by the catalog module) or `declared` (written by hand in a
 * catalog-info.yaml). Set by the catalog, never trusted from the entity's author.
 * @public
 */
export const PAVED_SOURCE_ANNOTATION = 'paved.dev/source';

/** @public */
export type EnvironmentSource = 'paved' | 'declared';

/**
 * On provisioned environments: the environment's id in the environments service, for
 * its live data (`GET /api/environments/environments/{id}`).
 * @public
 */
export const PAVED_ENVIRONMENT_ID_ANNOTATION = 'paved.dev/environment-id';

/** On the `Resource` entities of provisioned environments: the resource's id. @public */
export const PAVED_RESOURCE_ID_ANNOTATION = 'paved.dev/resource-id';

/**
 * An environment in the software catalog: one Paved provisioned, or one a team declared
 * by hand. See the README of `@paved/plugin-catalog-backend-module-environments`.
 * @public
 */
export interface EnvironmentEntityV1alpha1 extends Entity {
  apiVersion: typeof ENVIRONMENT_API_VERSION;
  kind: typeof ENVIRONMENT_KIND;
  spec: {
    /** The component or system it belongs to, e.g. `component:default/checkout-api`. */
    environmentOf: string;
    /** The group (or user) that owns it. */
    owner: string;
    tier: Tier;
    /** One of `environments.classes`; provisioned environments always have one. */
    class?: string;
    lifecycle?: Lifecycle;
    /** Provisioned environments: the status when the catalog last heard of it. */
    status?: EnvironmentStatus;
    statusReason?: string;
    /** Ephemeral environments: an ISO 8601 date-time. */
    expiresAt?: string;
    /** A {@link MonthlyCost}, spelled out: entity specs are plain JSON. */
    estimatedMonthlyCost?: { amount: number; currency: string };
  };
}

/** @public */
export function isEnvironmentEntity(
  entity: Entity,
): entity is EnvironmentEntityV1alpha1 {
  return (
    entity.apiVersion === ENVIRONMENT_API_VERSION &&
    entity.kind === ENVIRONMENT_KIND
  );
}

const MAX_ENTITY_NAME = 63;

/**
 * `<entity name>-<environment name>`, the catalog name of a provisioned environment (and,
 * with a resource name appended, of its resources). Names past the catalog's limit of 63
 * characters are cut and keep a hash of the whole, so they stay unique and stable.
 */
function entityName(...parts: string[]): string {
  const whole = parts.join('-');
  if (whole.length <= MAX_ENTITY_NAME) return whole;
  const hash = fnv1a(whole);
  const head = whole
    .slice(0, MAX_ENTITY_NAME - hash.length - 1)
    .replace(/[-_.]+$/, '');
  return `${head}-${hash}`;
}

/** 32-bit FNV-1a as 8 hex digits: stable, and needs no crypto module in the browser. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function splitRef(entityRef: string): { namespace: string; name: string } {
  const rest = entityRef.slice(entityRef.indexOf(':') + 1);
  const [namespace, name] = rest.includes('/')
    ? rest.split('/', 2)
    : ['default', rest];
  return { namespace, name };
}

/**
 * The catalog entity of a provisioned environment, in the namespace of the component or
 * system it belongs to: `environment:default/checkout-api-pr-42`.
 * @public
 */
export function environmentEntityRef(environment: {
  entityRef: string;
  name: string;
}): { kind: 'environment'; namespace: string; name: string } {
  const owner = splitRef(environment.entityRef);
  return {
    kind: 'environment',
    namespace: owner.namespace,
    name: entityName(owner.name, environment.name),
  };
}

/**
 * The catalog entity of one resource of a provisioned environment:
 * `resource:default/checkout-api-pr-42-main`.
 * @public
 */
export function resourceEntityRef(
  environment: { entityRef: string; name: string },
  resource: { name: string },
): { kind: 'resource'; namespace: string; name: string } {
  const owner = splitRef(environment.entityRef);
  return {
    kind: 'resource',
    namespace: owner.namespace,
    name: entityName(owner.name, environment.name, resource.name),
  };
}
