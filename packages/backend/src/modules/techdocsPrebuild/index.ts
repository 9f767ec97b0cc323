import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { TechDocsPrebuilder } from './TechDocsPrebuilder';

/**
 * With `paved.techdocs.prebuild: true` (the embedded default), builds every entity's
 * TechDocs shortly after start and then every ten minutes, so edited docs refresh too.
 */
export const techdocsModulePrebuild = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'paved-prebuild',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ auth, catalog, config, discovery, logger, scheduler }) {
        if (!config.getOptionalBoolean('paved.techdocs.prebuild')) {
          return;
        }
        const prebuilder = new TechDocsPrebuilder({
          auth,
          catalog,
          discovery,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'paved-techdocs-prebuild',
          initialDelay: { seconds: 3 },
          frequency: { minutes: 10 },
          timeout: { minutes: 10 },
          fn: async () => {
            // On a first start the catalog is still reading the example data.
            const { built, failed } = await prebuilder.buildAll(60_000);
            logger.info(
              `TechDocs prebuild: ${built} sites up to date, ${failed} failed`,
            );
          },
        });
      },
    });
  },
});
