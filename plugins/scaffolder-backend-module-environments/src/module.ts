import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createPavedEnvironmentCreateAction,
  createPavedEnvironmentPlanAction,
  createPavedEnvironmentDestroyAction,
  createPavedEnvironmentExtendAction,
  createPavedResourceProvisionAction,
} from './actions';

/**
 * The Paved scaffolder actions: `paved:environment:create`, `paved:environment:plan`, `paved:resource:provision`,
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
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
      },
      async init({ actions, auth, catalog, config, discovery }) {
        const options = {
          auth,
          catalog,
          discovery,
          appBaseUrl: config.getString('app.baseUrl'),
        };
        actions.addActions(
          createPavedEnvironmentCreateAction(options),
          createPavedEnvironmentPlanAction(options),
          createPavedResourceProvisionAction(options),
          createPavedEnvironmentExtendAction(options),
          createPavedEnvironmentDestroyAction(options),
        );
      },
    });
  },
});
