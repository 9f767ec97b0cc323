import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { EnvironmentEntityProcessor } from './processor/EnvironmentEntityProcessor';
import { EnvironmentEntityProvider } from './provider/EnvironmentEntityProvider';
import { readProviderConfig } from './provider/readProviderConfig';

/**
 * Paved environments in the catalog: the `Environment` kind and the provider that
 * publishes provisioned environments and their resources.
 *
 * @public
 */
export const catalogModuleEnvironments = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'environments',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        auth,
        discovery,
        events,
      }) {
        const { schedule, docsEntity } = readProviderConfig(config);
        catalog.addProcessor(EnvironmentEntityProcessor.fromConfig(config));
        catalog.addEntityProvider(
          new EnvironmentEntityProvider({
            auth,
            discovery,
            events,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
            docsEntity,
          }),
        );
      },
    });
  },
});
