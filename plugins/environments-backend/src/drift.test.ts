import {
  createBackendModule,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import environmentsModulePostgres from '@paved/plugin-environments-backend-module-postgres';
import {
  environmentsProvidersExtensionPoint,
  ObserveRequest,
  ResourceObservation,
} from '@paved/plugin-environments-node';
import knexFactory, { Knex } from 'knex';
import path from 'node:path';
import request from 'supertest';
import { environmentsPlugin } from './plugin';
import { checkoutApi } from './__testUtils__/startWithProviderDouble';
import { ProviderDouble } from './__testUtils__/ProviderDouble';

const LINK = '/docs/default/component/platform-guidelines/baselines/#';
const dev = {
  name: 'dev',
  tier: 'development',
  lifecycle: 'static',
  baseline: 'dev',
  resources: { double: { target: 'local' } },
};

/**
 * The real scheduler (the one backend-test-utils itself is built on), not the test
 * backend's in-memory one: only it keeps a global task to one replica at a time.
 */
function realScheduler(): ServiceFactory {
  const testUtils = path.dirname(require.resolve('@backstage/backend-test-utils/package.json'));
  const id = '@backstage/backend-defaults/scheduler';
  const module = require(require.resolve(id, { paths: [testUtils] }));
  return module.schedulerServiceFactory;
}

/** Records when each observe pass ran, and takes its time about it. */
class SlowObserver extends ProviderDouble {
  constructor(
    private readonly replica: string,
    private readonly intervals: Array<{ replica: string; start: number; end: number }>,
  ) {
    super();
  }

  async observe(observeRequest: ObserveRequest): Promise<ResourceObservation[]> {
    const start = Date.now();
    await new Promise(resolve => setTimeout(resolve, 700));
    this.intervals.push({ replica: this.replica, start, end: Date.now() });
    return observeRequest.resources.map(r => ({
      resourceId: r.resource.id,
      exists: true,
      observed: {},
    }));
  }
}

function providerModule(provider: ProviderDouble) {
  return createBackendModule({
    pluginId: 'environments',
    moduleId: 'slow-observer',
    register(reg) {
      reg.registerInit({
        deps: { providers: environmentsProvidersExtensionPoint },
        async init({ providers }) {
          providers.addProvider(provider);
        },
      });
    },
  });
}

describe('baselines at start', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('stop the backend when a rule is wrong, naming the key and the rule', async () => {
    await expect(
      startTestBackend({
        features: [
          environmentsPlugin,
          providerModule(new ProviderDouble()),
          // The postgres.* rules are the PostgreSQL provider's (no targets needed).
          environmentsModulePostgres,
          mockServices.database.factory({ knex: await databases.init('SQLITE_3') }),
          mockServices.rootConfig.factory({
            data: {
              environments: {
                classes: [dev],
                baselines: {
                  dev: {
                    rules: [
                      {
                        id: 'postgres.connection-limit',
                        severity: 'blocking',
                        message: 'Within the range',
                        link: `${LINK}postgres.connection-limit`,
                        params: { max: 'plenty' },
                      },
                    ],
                  },
                },
                secrets: { key: Buffer.alloc(32, 1).toString('base64') },
              },
            },
          }),
          catalogServiceMock.factory({ entities: [checkoutApi] }),
        ],
      }),
    ).rejects.toThrow(
      /environments\.baselines\.dev\.rules\[0\] \(postgres\.connection-limit\)\.params\.max: /,
    );
  });
});

describe.each(TestDatabases.create({ ids: ['POSTGRES_18'] }).eachSupportedId())(
  'two replicas on %s',
  databaseId => {
    const databases = TestDatabases.create({ ids: [databaseId] });
    const pools: Knex[] = [];
    afterAll(async () => {
      await Promise.all(pools.map(p => p.destroy()));
    });

    it('never reconcile at the same time', async () => {
      const first = await databases.init(databaseId);
      const second = knexFactory(first.client.config);
      pools.push(second);
      const intervals: Array<{ replica: string; start: number; end: number }> = [];

      const replica = (name: string, knex: Knex) =>
        startTestBackend({
          features: [
            environmentsPlugin,
            providerModule(new SlowObserver(name, intervals)),
            realScheduler(),
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({
              data: {
                environments: {
                  classes: [{ ...dev, baseline: undefined }],
                  reconciler: { frequency: { milliseconds: 200 } },
                  secrets: { key: Buffer.alloc(32, 1).toString('base64') },
                },
              },
            }),
            catalogServiceMock.factory({ entities: [checkoutApi] }),
          ],
        });
      const a = await replica('a', first);
      const b = await replica('b', second);
      try {
        const created = await request(a.server)
          .post('/api/environments/environments')
          .send({
            name: 'shared',
            class: 'dev',
            owner: 'group:default/checkout-team',
            entityRef: 'component:default/checkout-api',
            resources: [{ type: 'double', name: 'main', spec: {} }],
          });
        expect(created.status).toBe(202);
        const deadline = Date.now() + 40_000;
        while (intervals.length < 4 && Date.now() < deadline) {
          await new Promise(resolve => setTimeout(resolve, 200));
        }
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }

      expect(intervals.length).toBeGreaterThanOrEqual(4);
      const sorted = [...intervals].sort((x, y) => x.start - y.start);
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end);
      }
    }, 60_000);
  },
);
