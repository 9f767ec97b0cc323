import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  environmentsPermissions,
  environmentCreatePermission,
} from '@paved/plugin-environments-common';
import { environmentsProvidersExtensionPoint } from '@paved/plugin-environments-node';
import { readEnvironmentsConfig } from './config/readEnvironmentsConfig';
import { EnvironmentsStore } from './database/EnvironmentsStore';
import { FindingsStore } from './database/FindingsStore';
import { Reconciler } from './drift/Reconciler';
import { OperationsEngine } from './engine/OperationsEngine';
import {
  environmentPermissionResourceRef,
  environmentRules,
} from './permissions/rules';
import { createRouter } from './router';
import { EnvironmentEvents } from './services/EnvironmentEvents';
import { EnvironmentsService } from './services/EnvironmentsService';
import { ProviderRegistry } from './services/ProviderRegistry';
import { SecretBox } from './services/SecretBox';
import { TtlReaper } from './services/TtlReaper';

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
    env.registerExtensionPoint(environmentsProvidersExtensionPoint, {
      addProvider: provider => providers.add(provider),
    });

    env.registerInit({
      deps: {
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
      },
      async init(deps) {
        const config = readEnvironmentsConfig(deps.config);
        providers.assertCovers(config);
        const secrets = SecretBox.fromConfig(deps.config);
        const store = await EnvironmentsStore.create({ database: deps.database });

        deps.permissionsRegistry.addPermissions(environmentsPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: environmentPermissionResourceRef,
          permissions: environmentsPermissions.filter(
            p => p !== environmentCreatePermission,
          ),
          rules: Object.values(environmentRules),
          getResources: async ids => {
            const rows = await store.db('environments')
              .whereIn('id', ids)
              .select('id', 'owner', 'tier');
            const byId = new Map(rows.map(r => [r.id, r]));
            return ids.map(id => byId.get(id));
          },
        });

        const events = new EnvironmentEvents({
          events: deps.events,
          store,
          logger: deps.logger.child({ component: 'environment-events' }),
        });
        const engine = new OperationsEngine({
          store,
          providers,
          secrets,
          logger: deps.logger.child({ component: 'operations-engine' }),
          onOperationChange: events.operationChanged,
        });
        const environments = new EnvironmentsService({
          store,
          config,
          providers,
          secrets,
          catalog: deps.catalog,
          permissions: deps.permissions,
          ruleset: deps.permissionsRegistry.getPermissionRuleset(
            environmentPermissionResourceRef,
          ),
          auditor: deps.auditor,
          onOperationQueued: () => engine.wake(),
          onEnvironmentChange: events.environmentChanged,
        });

        const reaper = new TtlReaper({
          store,
          environments,
          config,
          notifications: deps.notifications,
          auth: deps.auth,
          logger: deps.logger.child({ component: 'ttl-reaper' }),
        });
        await deps.scheduler.scheduleTask({
          id: 'environments-ttl-reaper',
          frequency: deps.config.has('environments.reaper.frequency')
            ? readDurationFromConfig(deps.config, { key: 'environments.reaper.frequency' })
            : { minutes: 1 },
          timeout: { minutes: 5 },
          scope: 'global',
          fn: async () => {
            await reaper.run();
          },
        });

        const reconciler = new Reconciler({
          store,
          findings: new FindingsStore(store.db),
          config,
          providers,
          notifications: deps.notifications,
          logger: deps.logger.child({ component: 'reconciler' }),
          onOperationQueued: () => engine.wake(),
          onEnvironmentChange: events.environmentChanged,
        });
        await deps.scheduler.scheduleTask({
          id: 'environments-reconciler',
          frequency: deps.config.has('environments.reconciler.frequency')
            ? readDurationFromConfig(deps.config, { key: 'environments.reconciler.frequency' })
            : { minutes: 5 },
          timeout: { minutes: 10 },
          // One replica at a time: passes never overlap.
          scope: 'global',
          fn: async () => {
            await reconciler.run();
          },
        });

        deps.lifecycle.addStartupHook(() => engine.start());
        deps.lifecycle.addShutdownHook(() => engine.stop());
        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, environments }),
        );
      },
    });
  },
});
