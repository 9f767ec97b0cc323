import {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RequestExpiry } from '../approvals/RequestExpiry';
import { EnvironmentAuthorizer } from '../authorization/EnvironmentAuthorizer';
import { ClassPolicy } from '../classes/ClassPolicy';
import { readEnvironmentsConfig } from '../config/readEnvironmentsConfig';
import { createDatabaseEnvironmentsStore } from '../database/DatabaseEnvironmentsStore';
import { Reconciler } from '../drift/Reconciler';
import {
  OperationsEngine,
  OperationsEngineOptions,
} from '../engine/OperationsEngine';
import { TtlReaper } from '../expiry/TtlReaper';
import { GoalDigest } from '../goals/GoalDigest';
import { GoalSnapshots } from '../goals/GoalSnapshots';
import { GoalsService } from '../goals/GoalsService';
import { priceTable } from '../goals/priceTable';
import { EnvironmentEvents } from '../lifecycle/EnvironmentEvents';
import { EnvironmentLifecycle } from '../lifecycle/EnvironmentLifecycle';
import { WorkSignal } from '../lifecycle/WorkSignal';
import { registerEnvironmentPermissions } from '../permissions/registerEnvironmentPermissions';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { SecretBox } from '../secrets/SecretBox';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { readExamplesConfig } from '../examples/readExamplesConfig';
import { UseCaseContext } from '../useCases/context';
import { createExamples, ExamplesOptions } from '../useCases/createExamples';

export interface EnvironmentsBackendDeps {
  config: RootConfigService;
  database: DatabaseService;
  auditor: AuditorService;
  auth: AuthService;
  catalog: CatalogService;
  /** Where changes are published; without it, nothing is. */
  events?: EventsService;
  logger: LoggerService;
  notifications: NotificationService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  providers: ProviderRegistry;
  userInfo: UserInfoService;
  /** Engine timings, for tests that control time. */
  engine?: Pick<
    OperationsEngineOptions,
    'leaseMs' | 'pollMs' | 'maxAttempts' | 'backoffMs'
  >;
  secrets?: SecretBox;
}

/**
 * The environments backend's parts, built once: the service the router and the actions
 * use, the engine every replica runs, and the scheduled jobs. Invalid config stops here,
 * naming the key.
 */
export async function createEnvironmentsBackend(deps: EnvironmentsBackendDeps) {
  const { providers, logger } = deps;
  const config = readEnvironmentsConfig(deps.config, providers.baselineRules());
  providers.assertCovers(config);
  const secrets = deps.secrets ?? SecretBox.fromConfig(deps.config);
  const store = await createDatabaseEnvironmentsStore({
    database: deps.database,
  });
  const ruleset = registerEnvironmentPermissions(
    deps.permissionsRegistry,
    store.environments,
  );

  const authorizer = new EnvironmentAuthorizer({
    permissions: deps.permissions,
    ruleset,
  });

  const signal = new WorkSignal();
  const events =
    deps.events &&
    new EnvironmentEvents({
      events: deps.events,
      store,
      logger: logger.child({ component: 'environment-events' }),
    });
  const lifecycle = new EnvironmentLifecycle({ store, signal, events });
  const classes = new ClassPolicy({ config, providers });
  const useCases: UseCaseContext = {
    store,
    lifecycle,
    classes,
    authorizer,
    providers,
    secrets,
    catalog: deps.catalog,
    auditor: deps.auditor,
    notifications: deps.notifications,
    userInfo: deps.userInfo,
    exceptions: config.exceptions,
    logger: logger.child({ component: 'environments-service' }),
  };
  const environments = new EnvironmentsService(useCases);
  const examples = readExamplesConfig(deps.config);
  const engine = new OperationsEngine({
    store,
    lifecycle,
    signal,
    providers,
    secrets,
    logger: logger.child({ component: 'operations-engine' }),
    ...deps.engine,
  });
  const reaper = new TtlReaper({
    store,
    environments,
    config,
    notifications: deps.notifications,
    auth: deps.auth,
    logger: logger.child({ component: 'ttl-reaper' }),
  });
  const reconciler = new Reconciler({
    store,
    lifecycle,
    config,
    providers,
    notifications: deps.notifications,
    logger: logger.child({ component: 'reconciler' }),
  });
  const requestExpiry = new RequestExpiry({
    environments,
    logger: logger.child({ component: 'request-expiry' }),
  });
  const goals = new GoalsService({
    goals: config.goals,
    store,
    authorizer,
    catalog: deps.catalog,
    auth: deps.auth,
    notifications: deps.notifications,
    prices: priceTable(config),
    currency: config.currency,
    logger: logger.child({ component: 'goals' }),
    exampleHistory: config.exampleHistory,
  });
  const goalJobs = [
    new GoalSnapshots({ goals, logger: logger.child({ component: 'goals' }) }),
    new GoalDigest({ goals, logger: logger.child({ component: 'goals' }) }),
  ];
  return {
    /** On start: the example environments, if configured and the store is empty. */
    createExamples: async (options?: Partial<ExamplesOptions>) =>
      createExamples(useCases, examples, {
        credentials: await deps.auth.getOwnServiceCredentials(),
        ...options,
      }),
    requestExpiry,
    goals,
    config,
    store,
    lifecycle,
    environments,
    engine,
    reaper,
    reconciler,
    secrets,
    /** The jobs that run on one replica at a time, each on its own schedule. */
    jobs: [reaper, reconciler, requestExpiry],
    /** Scheduled once the examples are in, so the first measured day follows them. */
    goalJobs,
  };
}
