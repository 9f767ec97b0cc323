import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  Environment,
  RESOURCE_TYPE_ENVIRONMENT,
  TIERS,
} from '@paved/plugin-environments-common';
import { z } from 'zod';

/**
 * A condition on environments that the store can turn into a WHERE clause: the column and
 * the values it may take.
 * @public
 */
export interface EnvironmentFilter {
  property: 'owner' | 'tier' | 'status';
  values: string[];
}

/** What permission rules look at: an environment, stored or about to be. @public */
export type EnvironmentPermissionResource = Pick<
  Environment,
  'owner' | 'tier'
> &
  Partial<Pick<Environment, 'status'>>;

/** @public */
export const environmentPermissionResourceRef = createPermissionResourceRef<
  EnvironmentPermissionResource,
  EnvironmentFilter
>().with({ pluginId: 'environments', resourceType: RESOURCE_TYPE_ENVIRONMENT });

/** The user belongs to the owner group (pass the user's ownership refs as claims). */
export const isOwner = createPermissionRule({
  name: 'IS_OWNER',
  description:
    'Allow environments owned by one of the given entity refs (the user and their groups)',
  resourceRef: environmentPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the user and the groups they belong to'),
  }),
  apply: (resource, { claims }) => claims.includes(resource.owner),
  toQuery: ({ claims }) => ({ property: 'owner', values: claims }),
});

/** The environment's class has one of the given tiers. */
export const hasTier = createPermissionRule({
  name: 'HAS_TIER',
  description: 'Allow environments whose class has one of the given tiers',
  resourceRef: environmentPermissionResourceRef,
  paramsSchema: z.object({
    tiers: z
      .array(
        z.enum(TIERS as ['production', 'staging', 'development', 'preview']),
      )
      .describe('Tiers to allow'),
  }),
  apply: (resource, { tiers }) => tiers.includes(resource.tier),
  toQuery: ({ tiers }) => ({ property: 'tier', values: tiers }),
});

/**
 * The environment waits for approval (a create its class holds back), so a policy may let
 * owners ask for what only approvers could create directly.
 */
export const awaitsApproval = createPermissionRule({
  name: 'AWAITS_APPROVAL',
  description:
    'Allow environments that wait for an approver before anything is provisioned',
  resourceRef: environmentPermissionResourceRef,
  apply: resource => resource.status === 'awaiting-approval',
  toQuery: (): EnvironmentFilter => ({
    property: 'status',
    values: ['awaiting-approval'],
  }),
});

export const environmentRules = { isOwner, hasTier, awaitsApproval };

const conditionExports = createConditionExports({
  resourceRef: environmentPermissionResourceRef,
  rules: environmentRules,
});

/**
 * Conditions for permission policies, e.g.
 * `environmentConditions.isOwner({ claims: ownershipEntityRefs })`.
 * @public
 */
export const environmentConditions = conditionExports.conditions;

/**
 * A conditional decision on an environments permission, for permission policies.
 * @public
 */
export const createEnvironmentConditionalDecision =
  conditionExports.createConditionalDecision;
