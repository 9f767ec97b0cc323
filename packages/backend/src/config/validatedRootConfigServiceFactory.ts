import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigSources } from '@backstage/config-loader';
import { validateConfig } from './validateConfig';

/**
 * Backstage's root config (same sources: app-config files, --config, APP_CONFIG_* env),
 * validated against the installed packages' schemas before any plugin starts.
 */
export const validatedRootConfigServiceFactory = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const source = ConfigSources.default({});
    const config = await ConfigSources.toConfig(source);
    await validateConfig(config);
    return config;
  },
});
