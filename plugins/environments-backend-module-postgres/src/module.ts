import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { environmentsProvidersExtensionPoint } from '@paved/plugin-environments-node';
import { PostgresProvider } from './PostgresProvider';

/**
 * Installs the `postgres` provider of `postgres-database` resources, with the targets from
 * `environments.providers.postgres.targets`.
 *
 * @public
 */
export const environmentsModulePostgres = createBackendModule({
  pluginId: 'environments',
  moduleId: 'postgres',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: environmentsProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ providers, config, logger, lifecycle }) {
        const provider = await PostgresProvider.fromConfig(config, { logger });
        lifecycle.addShutdownHook(() => provider.close());
        providers.addProvider(provider);
      },
    });
  },
});
