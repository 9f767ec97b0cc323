import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { environmentsProvidersExtensionPoint } from '@paved/plugin-environments-node';
import { Knex } from 'knex';
import { Server } from 'node:http';
import { environmentsPlugin } from '../plugin';
import { ProviderDouble } from './ProviderDouble';

/** The component the test environments belong to. */
export const checkoutApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/checkout-team' },
};

/**
 * The real plugin behind HTTP, with a provider double for the `double` resource type,
 * the given classes, and `checkout-api` in the catalog. `features` adds or overrides
 * services (e.g. a permissions mock).
 */
export async function startWithProviderDouble(options: {
  knex: Knex;
  classes: unknown[];
  /** `environments.baselines`, for classes that name one. */
  baselines?: object;
  provider?: ProviderDouble;
  /** `environments.goals`. */
  goals?: unknown[];
  /** More configuration, next to `environments` (e.g. `events`). */
  config?: object;
  features?: Parameters<typeof startTestBackend>[0]['features'];
}): Promise<{ server: Server; provider: ProviderDouble }> {
  const provider = options.provider ?? new ProviderDouble();
  const backend = await startTestBackend({
    features: [
      environmentsPlugin,
      createBackendModule({
        pluginId: 'environments',
        moduleId: 'provider-double',
        register(reg) {
          reg.registerInit({
            deps: { providers: environmentsProvidersExtensionPoint },
            async init({ providers }) {
              providers.addProvider(provider);
            },
          });
        },
      }),
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: {
          ...(options.config as any),
          environments: {
            classes: options.classes as any,
            baselines: (options.baselines ?? {}) as any,
            secrets: { key: Buffer.alloc(32, 3).toString('base64') },
            ...(options.goals && { goals: options.goals as any }),
          },
        },
      }),
      catalogServiceMock.factory({ entities: [checkoutApi] }),
      ...(options.features ?? []),
    ],
  });
  return { server: backend.server, provider };
}
