import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import postgresModule from '@paved/plugin-environments-backend-module-postgres';
import {
  createTestProvisioningRole,
  testPostgresConnection,
} from '@paved/plugin-environments-backend-module-postgres/testUtils';
import knexFactory, { Knex } from 'knex';
import { Client } from 'pg';
import request from 'supertest';
import { environmentsPlugin } from './plugin';

const NAMES = 25;

async function adminRows(sql: string, params: unknown[]) {
  const client = new Client(testPostgresConnection());
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Two backend replicas on one PostgreSQL database, as in production: each with its own
 * connection pool and its own operations engine.
 */
describe.each(TestDatabases.create({ ids: ['POSTGRES_18'] }).eachSupportedId())(
  'two replicas on %s',
  databaseId => {
    const databases = TestDatabases.create({ ids: [databaseId] });
    const pools: Knex[] = [];
    afterAll(async () => {
      await Promise.all(pools.map(p => p.destroy()));
    });

    it('turn 50 simultaneous requests for 25 names into exactly 25 environments, each with one database', async () => {
      const role = await createTestProvisioningRole();
      const first = await databases.init(databaseId);
      // A second pool to the same database, as another replica would have.
      const second = knexFactory(first.client.config);
      pools.push(second);
      const prefix = `r${Date.now().toString(36).slice(-5)}`;

      const replica = async (knex: Knex) => {
        const { server } = await startTestBackend({
          features: [
            environmentsPlugin,
            postgresModule,
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({
              data: {
                environments: {
                  secrets: { key: Buffer.alloc(32, 6).toString('base64') },
                  classes: [
                    {
                      name: 'dev',
                      tier: 'development',
                      lifecycle: 'static',
                      maxEnvironmentsPerOwner: 100,
                      resources: { 'postgres-database': { target: 'shared' } },
                    },
                  ],
                  providers: {
                    postgres: { targets: { shared: { ...role.connection } as JsonObject } },
                  },
                },
              },
            }),
            catalogServiceMock.factory({
              entities: [
                {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'Component',
                  metadata: { name: 'checkout-api', namespace: 'default' },
                  spec: { type: 'service', owner: 'group:default/checkout-team' },
                },
              ],
            }),
          ],
        });
        return request(server);
      };
      const replicas = [await replica(first), await replica(second)];

      const body = (i: number) => ({
        name: `${prefix}-${i}`,
        class: 'dev',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [{ type: 'postgres-database', name: 'main', spec: {} }],
      });
      const responses = await Promise.all(
        Array.from({ length: NAMES * 2 }, (_, n) =>
          replicas[n % 2].post('/api/environments/environments').send(body(Math.floor(n / 2))),
        ),
      );
      const statuses = responses.map(r => r.status);
      expect(statuses.filter(s => s === 202)).toHaveLength(NAMES);
      expect(statuses.filter(s => s === 409)).toHaveLength(NAMES);
      for (const r of responses.filter(res => res.status === 409)) {
        expect(r.body.error.message).toMatch(/already has an environment named/);
      }

      // Both replicas' engines work the queue until everything is ready.
      let list: any;
      for (let i = 0; i < 600; i++) {
        list = (await replicas[0].get('/api/environments/environments').query({ limit: 100 })).body;
        if (list.items.every((e: any) => e.status !== 'provisioning')) break;
        await new Promise(r => setTimeout(r, 100));
      }
      expect(list.totalItems).toBe(NAMES);
      expect(list.items.map((e: any) => e.status)).toEqual(Array(NAMES).fill('ready'));

      const databaseNames = list.items.map((e: any) => e.resources[0].outputs.database);
      expect(new Set(databaseNames).size).toBe(NAMES);
      const prefixPattern = `${prefix.replace(/-/g, '_')}_%`;
      const onServer = await adminRows(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [prefixPattern],
      );
      expect(onServer.map(r => r.datname).sort()).toEqual([...databaseNames].sort());
      const roles = await adminRows('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [
        prefixPattern,
      ]);
      expect(roles).toHaveLength(NAMES);

      // Each operation was carried out once: one claim, no retries, no takeovers.
      const operations = await first('operations').select('type', 'state', 'attempts');
      expect(operations).toHaveLength(NAMES);
      expect(operations.every(o => o.state === 'succeeded' && o.attempts === 1)).toBe(true);

      for (const environment of list.items) {
        await replicas[1].delete(`/api/environments/environments/${environment.id}`).expect(202);
      }
      for (let i = 0; i < 600; i++) {
        const left = await adminRows('SELECT 1 FROM pg_database WHERE datname LIKE $1', [
          prefixPattern,
        ]);
        if (left.length === 0) break;
        await new Promise(r => setTimeout(r, 100));
      }
      expect(
        await adminRows('SELECT 1 FROM pg_database WHERE datname LIKE $1', [prefixPattern]),
      ).toEqual([]);
      expect(
        await adminRows('SELECT 1 FROM pg_roles WHERE rolname LIKE $1', [prefixPattern]),
      ).toEqual([]);
      await role.drop();
    }, 120_000);
  },
);
