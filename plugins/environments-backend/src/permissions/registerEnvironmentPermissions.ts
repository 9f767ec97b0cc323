import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  environmentCreatePermission,
  environmentsPermissions,
} from '@paved/plugin-environments-common';
import { EnvironmentStore } from '../database/EnvironmentsStore';
import { environmentPermissionResourceRef, environmentRules } from './rules';

/**
 * Makes the environments' permissions and rules known to the permission framework, so
 * policies can decide on them conditionally; returns the ruleset the service applies.
 */
export function registerEnvironmentPermissions(
  registry: PermissionsRegistryService,
  environments: EnvironmentStore,
) {
  registry.addPermissions(environmentsPermissions);
  registry.addResourceType({
    resourceRef: environmentPermissionResourceRef,
    // Create is decided on the request, before there is an environment to look at.
    permissions: environmentsPermissions.filter(
      p => p !== environmentCreatePermission,
    ),
    rules: Object.values(environmentRules),
    getResources: ids => environments.getPermissionResources(ids),
  });
  return registry.getPermissionRuleset(environmentPermissionResourceRef);
}
