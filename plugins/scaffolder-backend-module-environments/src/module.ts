import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createPavedEnvironmentCreateAction,
  createPavedEnvironmentDestroyAction,
  createPavedEnvironmentExtendAction,
  createPavedResourceProvisionAction,
} from './actions';

/**
 * The Paved scaffolder actions: `paved:environment:create`, `paved:resource:provision`,
 * `paved:environment:extend` and `paved:environment:destroy`.
 *
 * @public
 */
export const scaffolderModuleEnvironments = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'environments',
  register(reg) {
    reg.registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
      },
      async init({ actions, auth, config, discovery }) {
        const options = {
          auth,
          discovery,
          appBaseUrl: config.getString('app.baseUrl'),
        };
        actions.addActions(
          createPavedEnvironmentCreateAction(options),
          createPavedResourceProvisionAction(options),
          createPavedEnvironmentExtendAction(options),
          createPavedEnvironmentDestroyAction(options),
        );
      },
    });
  },
});
