import { AuditorService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { createPermissionRule } from '@backstage/plugin-permission-node';
import { ResourceProvider } from '@paved/plugin-environments-node';
import { Knex } from 'knex';
import { readEnvironmentsConfig } from '../config/readEnvironmentsConfig';
import { EnvironmentsStore } from '../database/EnvironmentsStore';
import { FindingsStore } from '../database/FindingsStore';
import { Reconciler } from '../drift/Reconciler';
import { OperationsEngine } from '../engine/OperationsEngine';
import { environmentRules } from '../permissions/rules';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { ProviderRegistry } from '../services/ProviderRegistry';
import { SecretBox } from '../services/SecretBox';
import { TtlReaper } from '../services/TtlReaper';
import { ProviderDouble } from './ProviderDouble';

export interface AuditRecord {
  eventId: string;
  outcome: 'success' | 'fail';
  meta?: unknown;
}

/** Records audit events so tests can check that writes and reveals are audited. */
export function recordingAuditor(records: AuditRecord[]): AuditorService {
  return {
    async createEvent(options) {
      return {
        async success(params) {
          records.push({ eventId: options.eventId, outcome: 'success', meta: { ...options.meta, ...params?.meta } });
        },
        async fail() {
          records.push({ eventId: options.eventId, outcome: 'fail', meta: options.meta });
        },
      };
    },
  } as AuditorService;
}

/**
 * The environments service wired by hand, with the time-dependent parts (engine, reaper)
 * under the test's control. Plugin-level behaviour is tested through startTestBackend.
 */
export async function createTestEnvironments<
  P extends ResourceProvider = ProviderDouble,
>(options: {
  knex: Knex;
  classes: unknown[];
  /** `environments.baselines`, for classes that name one. */
  baselines?: object;
  provider?: P;
  engine?: { leaseMs?: number; pollMs?: number; backoffMs?: (n: number) => number };
}) {
  const provider = (options.provider ?? new ProviderDouble()) as P;
  const config = readEnvironmentsConfig(
    new ConfigReader({
      environments: {
        classes: options.classes as any,
        baselines: (options.baselines ?? {}) as any,
      },
    }),
  );
  const providers = new ProviderRegistry();
  providers.add(provider);
  const secrets = new SecretBox(Buffer.alloc(32, 9));
  const store = await EnvironmentsStore.create({
    database: mockServices.database({ knex: options.knex, migrations: { skip: false } }),
  });
  const audit: AuditRecord[] = [];
  const sent: NotificationSendOptions[] = [];
  const logger = mockServices.logger.mock();
  const engine = new OperationsEngine({
    store,
    providers,
    secrets,
    logger,
    ...options.engine,
  });
  const rules = Object.values(environmentRules);
  const environments = new EnvironmentsService({
    store,
    config,
    providers,
    secrets,
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-api', namespace: 'default' },
          spec: { type: 'service', owner: 'group:default/checkout-team' },
        },
      ],
    }),
    permissions: mockServices.permissions(),
    ruleset: {
      getRuleByName: (name: string) => {
        const rule = rules.find(r => r.name === name);
        if (!rule) throw new Error(`no rule ${name}`);
        return rule as ReturnType<typeof createPermissionRule> as any;
      },
    },
    auditor: recordingAuditor(audit),
    onOperationQueued: () => engine.wake(),
  });
  const reaper = new TtlReaper({
    store,
    environments,
    config,
    notifications: { send: async n => void sent.push(n) },
    auth: mockServices.auth(),
    logger,
  });
  const findings = new FindingsStore(store.db);
  const reconciler = new Reconciler({
    store,
    findings,
    config,
    providers,
    notifications: { send: async n => void sent.push(n) },
    logger,
    onOperationQueued: () => engine.wake(),
  });
  return {
    store,
    environments,
    engine,
    reaper,
    reconciler,
    findings,
    provider,
    providers,
    secrets,
    audit,
    sent,
    logger,
  };
}
