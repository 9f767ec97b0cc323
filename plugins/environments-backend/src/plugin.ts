import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { environmentsProvidersExtensionPoint } from '@paved/plugin-environments-node';
import { registerEnvironmentActions } from './actions/registerEnvironmentActions';
import { ProviderRegistry } from './providers/ProviderRegistry';
import { createRouter } from './router';
import { scheduleGlobalTask } from './scheduling/scheduleGlobalTask';
import { createEnvironmentsBackend } from './wiring/createEnvironmentsBackend';
import { startGoals } from './wiring/startGoals';

/**
 * The environments service: environments, their resources and the operations that
 * provision them, under `/api/environments`.
 *
 * @public
 */
export const environmentsPlugin = createBackendPlugin({
  pluginId: 'environments',
  register(env) {
    const providers = new ProviderRegistry();
    const extensionPoint = providers.extensionPoint();
    env.registerExtensionPoint(
      environmentsProvidersExtensionPoint,
      extensionPoint,
    );

    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const backend = await createEnvironmentsBackend({ ...deps, providers });
        for (const job of backend.jobs) await scheduleGlobalTask(deps, job);
        registerEnvironmentActions(deps.actionsRegistry, backend.environments);
        deps.lifecycle.addStartupHook(() => {
          backend.engine.start();
          // Not awaited: the catalog reads examples/ only once the backend has started.
          void startGoals(deps, backend);
        });
        deps.lifecycle.addShutdownHook(() => backend.engine.stop());
        const { httpAuth } = deps;
        deps.httpRouter.use(await createRouter({ httpAuth, ...backend }));
      },
    });
  },
});
