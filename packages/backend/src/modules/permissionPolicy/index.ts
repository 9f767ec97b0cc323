import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { EnvironmentsPolicySection } from './EnvironmentsPolicySection';
import { PavedPermissionPolicy } from './PavedPermissionPolicy';

/**
 * Installs the portal's own permission policy: one section per area of the suite, and
 * Backstage's allow-all for everything no section has an opinion on.
 */
export const permissionModulePavedPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'paved-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ config, policy, userInfo }) {
        policy.setPolicy(
          new PavedPermissionPolicy([
            new EnvironmentsPolicySection({
              userInfo,
              platformGroup: config.getOptionalString(
                'paved.permissions.platformGroup',
              ),
            }),
          ]),
        );
      },
    });
  },
});
