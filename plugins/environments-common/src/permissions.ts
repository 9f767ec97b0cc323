import { createPermission } from '@backstage/plugin-permission-common';

/** The permission resource type of environments. @public */
export const RESOURCE_TYPE_ENVIRONMENT = 'environments-environment';

/**
 * Creating an environment. A resource permission: the policy's conditions (owner, tier)
 * are applied to the environment as requested, before anything is stored.
 * @public
 */
export const environmentCreatePermission = createPermission({
  name: 'environments.environment.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_ENVIRONMENT,
});

/** @public */
export const environmentReadPermission = createPermission({
  name: 'environments.environment.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_ENVIRONMENT,
});

/** Extending and adding resources. @public */
export const environmentUpdatePermission = createPermission({
  name: 'environments.environment.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_ENVIRONMENT,
});

/** @public */
export const environmentDeletePermission = createPermission({
  name: 'environments.environment.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_ENVIRONMENT,
});

/** Revealing a resource's connection secret; checked against its environment. @public */
export const resourceSecretReadPermission = createPermission({
  name: 'environments.resource.secret.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_ENVIRONMENT,
});

/**
 * Deciding a request that needed approval. The portal's policy grants it to the approver
 * group; the backend also checks that the caller is a member of the request's approvers.
 * @public
 */
export const environmentRequestApprovePermission = createPermission({
  name: 'environments.request.approve',
  attributes: { action: 'update' },
});

/** Deciding a requested baseline exception, like a request. @public */
export const environmentExceptionApprovePermission = createPermission({
  name: 'environments.exception.approve',
  attributes: { action: 'update' },
});

/**
 * Recording today's goal snapshots on demand (the daily job needs none). The portal's
 * policy grants it to the platform group. Goals themselves any signed-in user may read.
 * @public
 */
export const goalSnapshotPermission = createPermission({
  name: 'environments.goal.snapshot',
  attributes: { action: 'create' },
});

/** @public */
export const environmentsPermissions = [
  environmentCreatePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  environmentDeletePermission,
  resourceSecretReadPermission,
  environmentRequestApprovePermission,
  environmentExceptionApprovePermission,
  goalSnapshotPermission,
];
