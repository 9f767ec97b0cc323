import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { PostgresProvider } from '@paved/plugin-environments-backend-module-postgres';
import {
  createTestProvisioningRole,
  testPostgresConnection,
} from '@paved/plugin-environments-backend-module-postgres/testUtils';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { createTestEnvironments } from './__testUtils__/createTestEnvironments';

let adminClient: Client | undefined;
afterAll(async () => {
  await adminClient?.end();
});

/** One admin connection for all the probes (the test polls every few milliseconds). */
async function admin(sql: string, params: unknown[] = []) {
  if (!adminClient) {
    adminClient = new Client(testPostgresConnection());
    await adminClient.connect();
  }
  return (await adminClient.query(sql, params)).rows;
}

async function until<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined>,
  ms = 20_000,
) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise(r => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
}

/** Starts src/__testUtils__/workerProcess.ts as its own Node process. */
function startWorker(settings: object, output: string[]): ChildProcess {
  const transform = path.join(
    resolvePackagePath('@backstage/cli-node'),
    'config',
    'nodeTransform.cjs',
  );
  const child = spawn(
    process.execPath,
    ['--require', transform, path.join(__dirname, '__testUtils__', 'workerProcess.ts')],
    { env: { ...process.env, PAVED_TEST_WORKER: JSON.stringify(settings) }, stdio: 'pipe' },
  );
  child.stdout!.on('data', chunk => output.push(String(chunk)));
  child.stderr!.on('data', chunk => output.push(String(chunk)));
  return child;
}

describe.each(TestDatabases.create({ ids: ['POSTGRES_18'] }).eachSupportedId())(
  'a worker killed mid-operation (environments on %s)',
  databaseId => {
    const databases = TestDatabases.create({ ids: [databaseId] });

    it('leaves an operation another worker finishes after the lease, with no orphaned database or role', async () => {
      const role = await createTestProvisioningRole();
      const knex = await databases.init(databaseId);
      const provider = PostgresProvider.create({
        targets: [{ name: 'shared', connection: role.connection }],
        logger: mockServices.logger.mock(),
      });
      const { environments, engine } = await createTestEnvironments({
        knex,
        provider,
        classes: [
          {
            name: 'dev',
            tier: 'development',
            lifecycle: 'static',
            resources: { 'postgres-database': { target: 'shared' } },
          },
        ],
      });
      const credentials = mockCredentials.user();
      const envName = `crash-${Date.now().toString(36).slice(-5)}`;
      const { environment, operation } = (await environments.create(
        {
          name: envName,
          class: 'dev',
          owner: 'group:default/checkout-team',
          entityRef: 'component:default/checkout-api',
          resources: [{ type: 'postgres-database', name: 'main', spec: {} }],
        },
        { credentials },
      )) as any;
      const pattern = `${envName.replace(/-/g, '_')}_main_%`;

      // CREATE DATABASE waits (up to 5 s) while anyone is connected to its template: the
      // worker will stop there with the role already created, and die there.
      const template = new Client({ ...testPostgresConnection(), database: 'template1' });
      await template.connect();

      const output: string[] = [];
      const [{ database }] = (await knex.raw('SELECT current_database() AS database')).rows;
      const worker = startWorker({
        knex: { client: 'pg', connection: { ...testPostgresConnection(), database } },
        target: role.connection,
        key: Buffer.alloc(32, 9).toString('base64'),
        leaseMs: 1500,
      }, output);
      try {
        await until(() => `the worker to create the role (worker said: ${output.join('')})`, async () =>
          (await admin('SELECT 1 FROM pg_roles WHERE rolname LIKE $1', [pattern])).length > 0,
        );
        worker.kill('SIGKILL');
        await new Promise(resolve => worker.once('exit', resolve));
      } finally {
        worker.kill('SIGKILL');
        await template.end();
      }

      // Killed mid-operation: claimed, half done.
      const [claimed] = await knex('operations').where({ id: operation.id });
      expect(claimed.state).toBe('running');
      expect(claimed.attempts).toBe(1);
      expect(await admin('SELECT 1 FROM pg_database WHERE datname LIKE $1', [pattern])).toEqual([]);

      // Another worker may not touch it while the dead one's lease holds, then takes over.
      expect(await engine.runOnce()).toBe(false);
      await until('the lease to expire', async () => engine.runOnce());

      const ready = await environments.get(environment.id, credentials);
      expect(ready.status).toBe('ready');
      const [done] = await environments.operations(environment.id, credentials);
      expect(done).toMatchObject({ state: 'succeeded', attempts: 2 });
      expect(await admin('SELECT datname FROM pg_database WHERE datname LIKE $1', [pattern])).toHaveLength(1);
      expect(await admin('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [pattern])).toHaveLength(1);

      // The half-made role was converged, not duplicated: its revealed password works.
      const { connectionString } = await environments.revealSecret(
        ready.resources[0].id,
        credentials,
      );
      const app = new Client({ connectionString });
      await app.connect();
      await app.end();

      await environments.destroy(environment.id, undefined, credentials);
      while (await engine.runOnce());
      expect(await admin('SELECT 1 FROM pg_database WHERE datname LIKE $1', [pattern])).toEqual([]);
      expect(await admin('SELECT 1 FROM pg_roles WHERE rolname LIKE $1', [pattern])).toEqual([]);
      await provider.close();
      await role.drop();
    }, 60_000);
  },
);
