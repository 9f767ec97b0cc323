import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
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
  TEST_POSTGRES_LOG_FILE_ENV,
  testPostgresConnection,
} from '@paved/plugin-environments-backend-module-postgres/testUtils';
import fs from 'node:fs';
import { Client } from 'pg';
import request from 'supertest';
import { environmentsPlugin } from './plugin';

/** Every log line any plugin writes, to look for secrets in. */
function recordingLoggerFactory(lines: string[]) {
  const make = (meta: object): LoggerService => {
    const write = (level: string) => (message: string, extra?: unknown) => {
      lines.push(JSON.stringify({ level, message, meta, extra: String(extra ?? '') }));
      if (extra && typeof extra === 'object') lines.push(JSON.stringify(extra));
    };
    return {
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      debug: write('debug'),
      child: (more: object) => make({ ...meta, ...more }),
    };
  };
  return createServiceFactory({
    service: coreServices.logger,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => make({ plugin: plugin.getId() }),
  });
}

async function adminQuery(sql: string, params: unknown[] = []) {
  const client = new Client(testPostgresConnection());
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe.each(TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId())(
  'provisioning real PostgreSQL databases (environments stored on %s)',
  databaseId => {
    const databases = TestDatabases.create({ ids: [databaseId] });

    it('provisions, reveals a working connection string, keeps the password out of every log, destroys', async () => {
      const role = await createTestProvisioningRole();
      const logs: string[] = [];
      const { server } = await startTestBackend({
        features: [
          environmentsPlugin,
          postgresModule,
          recordingLoggerFactory(logs),
          mockServices.database.factory({ knex: await databases.init(databaseId) }),
          mockServices.rootConfig.factory({
            data: {
              environments: {
                secrets: { key: Buffer.alloc(32, 4).toString('base64') },
                classes: [
                  {
                    name: 'preview',
                    tier: 'preview',
                    lifecycle: 'ephemeral',
                    ttl: { default: '24h', max: '7d' },
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
      const api = request(server);

      const created = await api
        .post('/api/environments/environments')
        .send({
          name: 'pr-42',
          class: 'preview',
          owner: 'group:default/checkout-team',
          entityRef: 'component:default/checkout-api',
          ttl: '4h',
          resources: [{ type: 'postgres-database', name: 'main', spec: { connectionLimit: 10 } }],
        })
        .expect(202);
      const id = created.body.environment.id;

      let environment: any;
      for (let i = 0; i < 300 && environment?.status !== 'ready'; i++) {
        environment = (await api.get(`/api/environments/environments/${id}`)).body;
        if (environment.status === 'failed') throw new Error(environment.statusReason);
        await new Promise(r => setTimeout(r, 50));
      }
      expect(environment.status).toBe('ready');
      const [resource] = environment.resources;
      expect(resource.outputs).toEqual({
        host: role.connection.host,
        port: role.connection.port,
        database: expect.stringMatching(/^pr_42_main_[0-9a-f]{8}$/),
        user: expect.stringMatching(/^pr_42_main_[0-9a-f]{8}_owner$/),
      });

      const { connectionString } = (
        await api.get(`/api/environments/resources/${resource.id}/secret`).expect(200)
      ).body;
      const password = decodeURIComponent(new URL(connectionString).password);
      expect(password.length).toBeGreaterThanOrEqual(32);

      const app = new Client({ connectionString });
      await app.connect();
      await app.query('CREATE TABLE orders (id serial primary key)');
      const [{ datconnlimit }] = (
        await app.query('SELECT datconnlimit FROM pg_database WHERE datname = current_database()')
      ).rows;
      expect(datconnlimit).toBe(10);
      await app.end();

      // The password is nowhere but the reveal endpoint.
      expect(logs.length).toBeGreaterThan(0);
      expect(logs.filter(line => line.includes(password))).toEqual([]);
      expect(JSON.stringify(environment)).not.toContain(password);
      // The server the test run starts logs every statement (log_statement=all).
      const serverLog = process.env[TEST_POSTGRES_LOG_FILE_ENV];
      expect(serverLog).toBeDefined();
      const statements = fs.readFileSync(serverLog!, 'utf8');
      expect(statements).toContain(`CREATE ROLE "${resource.outputs.user}"`);
      expect(statements).not.toContain(password);

      await api.delete(`/api/environments/environments/${id}`).expect(202);
      for (let i = 0; i < 300 && environment.status !== 'destroyed'; i++) {
        environment = (await api.get(`/api/environments/environments/${id}`)).body;
        await new Promise(r => setTimeout(r, 50));
      }
      expect(environment.status).toBe('destroyed');
      expect(
        await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [resource.outputs.database]),
      ).toEqual([]);
      expect(
        await adminQuery('SELECT 1 FROM pg_roles WHERE rolname = $1', [resource.outputs.user]),
      ).toEqual([]);
      await role.drop();
    });
  },
);
