import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { createPermissionRule } from '@backstage/plugin-permission-node';
import { ResourceProvider } from '@paved/plugin-environments-node';
import { Knex } from 'knex';
import { environmentRules } from '../permissions/rules';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { SecretBox } from '../secrets/SecretBox';
import { createEnvironmentsBackend } from '../wiring/createEnvironmentsBackend';
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
          records.push({
            eventId: options.eventId,
            outcome: 'success',
            meta: { ...options.meta, ...params?.meta },
          });
        },
        async fail() {
          records.push({
            eventId: options.eventId,
            outcome: 'fail',
            meta: options.meta,
          });
        },
      };
    },
  } as AuditorService;
}

/** A user is in their own ref and the groups the test says. */
function membershipUserInfo(memberships: Record<string, string[]>) {
  return {
    async getUserInfo(credentials: BackstageCredentials) {
      const principal = credentials.principal as { userEntityRef: string };
      const user = principal.userEntityRef;
      return {
        userEntityRef: user,
        ownershipEntityRefs: [user, ...(memberships[user] ?? [])],
      };
    },
  };
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
  engine?: {
    leaseMs?: number;
    pollMs?: number;
    backoffMs?: (n: number) => number;
  };
  /** The groups each user is a member of, for approvers. */
  memberships?: Record<string, string[]>;
  /** `paved` config, e.g. the platform group approvals default to. */
  paved?: object;
  /** `environments.exceptions`: how long exceptions last, when owners hear they end. */
  exceptions?: object;
  /** `environments.goals`. */
  goals?: unknown[];
  /** `environments.goalSnapshots`, e.g. `{ exampleHistory: true }`. */
  goalSnapshots?: object;
  /** `environments.examples`. */
  examples?: unknown;
  /** More catalog entities beside checkout-api, e.g. a system's components. */
  entities?: Entity[];
  /** The permission decisions; by default everything is allowed. */
  permissions?: PermissionsService;
}) {
  const provider = (options.provider ?? new ProviderDouble()) as P;
  const providers = new ProviderRegistry();
  providers.add(provider);
  const audit: AuditRecord[] = [];
  const sent: NotificationSendOptions[] = [];
  const logger = mockServices.logger.mock();
  const notifications = {
    send: async (n: NotificationSendOptions) => void sent.push(n),
  };
  const rules = Object.values(environmentRules);
  const backend = await createEnvironmentsBackend({
    config: new ConfigReader({
      environments: {
        classes: options.classes as any,
        baselines: (options.baselines ?? {}) as any,
        ...(options.exceptions && { exceptions: options.exceptions as any }),
        ...(options.goals && { goals: options.goals as any }),
        ...(options.examples !== undefined && {
          examples: options.examples as any,
        }),
        ...(options.goalSnapshots && {
          goalSnapshots: options.goalSnapshots as any,
        }),
      },
      ...(options.paved && { paved: options.paved as any }),
    }),
    database: mockServices.database({
      knex: options.knex,
      migrations: { skip: false },
    }),
    auditor: recordingAuditor(audit),
    auth: mockServices.auth(),
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-api', namespace: 'default' },
          spec: { type: 'service', owner: 'group:default/checkout-team' },
        },
        ...(options.entities ?? []),
      ],
    }),
    logger,
    notifications,
    permissions: options.permissions ?? mockServices.permissions(),
    permissionsRegistry: mockServices.permissionsRegistry.mock({
      getPermissionRuleset: () =>
        ({
          getRuleByName: (name: string) => {
            const rule = rules.find(r => r.name === name);
            if (!rule) throw new Error(`no rule ${name}`);
            return rule as ReturnType<typeof createPermissionRule> as any;
          },
        } as any),
    }),
    providers,
    userInfo: membershipUserInfo(options.memberships ?? {}),
    engine: options.engine,
    secrets: new SecretBox(Buffer.alloc(32, 9)),
  });
  return {
    ...backend,
    findings: backend.store.findings,
    provider,
    providers,
    audit,
    sent,
    logger,
  };
}
