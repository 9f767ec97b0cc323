import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  physicalNames,
  PostgresProvider,
} from '@paved/plugin-environments-backend-module-postgres';
import {
  createTestProvisioningRole,
  queryAsTestAdmin,
  testPostgresConnection,
} from '@paved/plugin-environments-backend-module-postgres/testUtils';
import {
  ObserveRequest,
  ResourceObservation,
} from '@paved/plugin-environments-node';
import { Client, escapeIdentifier } from 'pg';
import { createTestEnvironments } from '../__testUtils__/createTestEnvironments';
import { ProviderDouble } from '../__testUtils__/ProviderDouble';

const LINK = '/docs/default/component/platform-guidelines/baselines/#';
const rule = (id: string, severity: string, params?: object) => ({
  id,
  severity,
  message: `${id} message`,
  link: `${LINK}${id}`,
  ...(params && { params }),
});
const baselines = {
  dev: {
    rules: [
      rule('postgres.connection-limit', 'blocking', { min: 1, max: 100 }),
      rule('postgres.statement-timeout', 'high', { max: '5min' }),
      rule('postgres.owner-privileges', 'high'),
      rule('postgres.database-owner', 'high'),
      rule('resource.exists', 'high'),
      rule('environment.owner-is-group', 'blocking'),
      rule('postgres.extensions', 'high', { allow: ['pg_trgm'] }),
    ],
  },
};
const classes = [
  {
    name: 'dev',
    tier: 'development',
    lifecycle: 'static',
    baseline: 'dev',
    resources: { 'postgres-database': { target: 'shared' } },
  },
  {
    name: 'prod',
    tier: 'production',
    lifecycle: 'static',
    baseline: 'dev',
    drift: 'restore',
    resources: { 'postgres-database': { target: 'shared' } },
  },
];

/** Out of band: a separate connection as the server's admin, as someone with psql would. */
async function admin(sql: string) {
  const client = new Client(testPostgresConnection());
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.each(TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId())(
  'the reconciler on real PostgreSQL databases (environments stored on %s)',
  databaseId => {
    const databases = TestDatabases.create({ ids: [databaseId] });
    const credentials = mockCredentials.user();

    async function start(options: { extensionWindow?: number } = {}) {
      const role = await createTestProvisioningRole();
      const provider = PostgresProvider.create({
        targets: [{ name: 'shared', connection: role.connection }],
        logger: mockServices.logger.mock(),
        extensionWindow: options.extensionWindow,
      });
      const test = await createTestEnvironments({
        knex: await databases.init(databaseId),
        classes,
        baselines,
        provider,
      });
      const create = async (name: string, environmentClass: string, resources: string[]) => {
        const { environment } = (await test.environments.create(
          {
            name,
            class: environmentClass,
            owner: 'group:default/checkout-team',
            entityRef: 'component:default/checkout-api',
            resources: resources.map(r => ({ type: 'postgres-database', name: r, spec: {} })),
          },
          { credentials },
        )) as any;
        while (await test.engine.runOnce());
        const ready = await test.environments.get(environment.id, credentials);
        expect(ready.status).toBe('ready');
        const names = Object.fromEntries(
          ready.resources.map(r => [
            r.name,
            physicalNames({ id: r.id, name: r.name, environmentName: name, entityRef: ready.entityRef }),
          ]),
        );
        return { environment: ready, names };
      };
      const cleanUp = async (id: string) => {
        const { name } = await test.environments.get(id, credentials);
        await test.environments.destroy(id, name, credentials);
        while (await test.engine.runOnce());
        await provider.close();
        await role.drop();
      };
      return { ...test, create, cleanUp };
    }

    it('sees out-of-band changes as findings, tells the owner once, and resolves them when undone', async () => {
      const { reconciler, environments, findings, sent, create, cleanUp } = await start();
      const { environment, names } = await create('shared', 'dev', ['main', 'other']);
      const main = names.main;
      const other = names.other;
      expect(await reconciler.run()).toMatchObject({ observed: 2, opened: 0 });

      await admin(`ALTER DATABASE ${escapeIdentifier(main.database)} CONNECTION LIMIT 500`);
      await admin(`ALTER ROLE ${escapeIdentifier(main.role)} SUPERUSER`);
      await admin(`DROP DATABASE ${escapeIdentifier(other.database)} WITH (FORCE)`);

      expect(await reconciler.run()).toMatchObject({ opened: 3, resolved: 0 });
      const open = await findings.list({ environmentId: environment.id, state: 'open' });
      expect(
        open.map(f => [f.resourceName, f.rule, f.severity, f.expected, f.observed]).sort(),
      ).toEqual([
        ['main', 'postgres.connection-limit', 'blocking', '10 (1–100)', '500'],
        ['main', 'postgres.owner-privileges', 'high', 'NOSUPERUSER NOCREATEROLE NOCREATEDB', 'SUPERUSER'],
        ['other', 'resource.exists', 'high', 'exists', 'missing'],
      ]);
      expect(open[0].link).toBe(`${LINK}${open[0].rule}`);
      const degraded = await environments.get(environment.id, credentials);
      expect(degraded.status).toBe('degraded');
      expect(degraded.statusReason).toMatch(/^Baseline: 3 findings \(/);
      expect(degraded.openFindings).toBe(3);
      const listed = await environments.list({ hasFindings: true, limit: 10, offset: 0 }, credentials);
      expect(listed.items.map(e => [e.id, e.openFindings])).toEqual([[environment.id, 3]]);
      expect(sent.map(n => n.payload.title).sort()).toEqual([
        'shared breaks postgres.connection-limit',
        'shared breaks postgres.owner-privileges',
        'shared breaks resource.exists',
      ]);
      expect(sent[0].recipients).toEqual({ type: 'entity', entityRef: 'group:default/checkout-team' });

      // Once per finding, not once per pass.
      expect(await reconciler.run()).toMatchObject({ opened: 0, resolved: 0 });
      expect(sent).toHaveLength(3);

      await admin(`ALTER DATABASE ${escapeIdentifier(main.database)} CONNECTION LIMIT 10`);
      await admin(`ALTER ROLE ${escapeIdentifier(main.role)} NOSUPERUSER`);
      expect(await reconciler.run()).toMatchObject({ opened: 0, resolved: 2 });
      expect((await environments.get(environment.id, credentials)).status).toBe('degraded');

      // Put back the dropped database (as a restore would), and the environment is ready again.
      await admin(
        `CREATE DATABASE ${escapeIdentifier(other.database)} OWNER ${escapeIdentifier(other.role)} CONNECTION LIMIT 10`,
      );
      await admin(`ALTER DATABASE ${escapeIdentifier(other.database)} SET statement_timeout = '30s'`);
      expect(await reconciler.run()).toMatchObject({ opened: 0, resolved: 1 });
      const ready = await environments.get(environment.id, credentials);
      expect([ready.status, ready.statusReason, ready.openFindings]).toEqual(['ready', undefined, undefined]);
      const all = await findings.list({ environmentId: environment.id });
      expect(all.map(f => f.resolvedAt !== undefined)).toEqual([true, true, true]);
      expect(ready.resources[0].lastObservedAt).toBeDefined();

      await cleanUp(environment.id);
    });

    it('reads extensions a window of databases at a time: finds one outside the allow-list, keeps it open until its database comes round again', async () => {
      // One database per pass: the three of this environment take three passes.
      const { reconciler, environments, findings, create, cleanUp } = await start({
        extensionWindow: 1,
      });
      const { environment, names } = await create('extensions', 'dev', ['one', 'two', 'three']);
      const passesUntil = async (done: () => Promise<boolean>) => {
        for (let pass = 1; pass <= 3; pass++) {
          await reconciler.run();
          if (await done()) return pass;
        }
        return undefined;
      };
      const open = () => findings.list({ environmentId: environment.id, state: 'open' });

      await queryAsTestAdmin('CREATE EXTENSION hstore', { database: names.two.database });
      expect(await passesUntil(async () => (await open()).length > 0)).toBeDefined();
      const [finding] = await open();
      expect([finding.resourceName, finding.rule, finding.severity, finding.expected, finding.observed]).toEqual([
        'two',
        'postgres.extensions',
        'high',
        'only pg_trgm',
        'hstore',
      ]);
      const degraded = await environments.get(environment.id, credentials);
      expect([degraded.status, degraded.statusReason]).toEqual([
        'degraded',
        'Baseline: 1 finding (postgres.extensions)',
      ]);

      // The passes that read the other databases leave it as it is.
      for (let pass = 1; pass <= 3; pass++) {
        expect(await reconciler.run()).toMatchObject({ opened: 0, resolved: 0 });
        expect((await open()).map(f => f.id)).toEqual([finding.id]);
      }

      await queryAsTestAdmin('DROP EXTENSION hstore', { database: names.two.database });
      expect(await passesUntil(async () => (await open()).length === 0)).toBeDefined();
      const [resolved] = await findings.list({ environmentId: environment.id });
      expect([resolved.id, resolved.resolvedAt]).toEqual([finding.id, expect.any(String)]);
      expect((await environments.get(environment.id, credentials)).status).toBe('ready');
      await cleanUp(environment.id);
    });

    it('restores drift in a class that restores it: a dropped database is recreated', async () => {
      const { reconciler, environments, engine, create, cleanUp } = await start();
      const { environment, names } = await create('live', 'prod', ['main']);
      await admin(`DROP DATABASE ${escapeIdentifier(names.main.database)} WITH (FORCE)`);

      expect(await reconciler.run()).toMatchObject({ opened: 1, restoring: 1 });
      const restoring = await environments.get(environment.id, credentials);
      expect(restoring.status).toBe('provisioning');
      expect(restoring.activeOperation).toMatchObject({
        type: 'update',
        requestedBy: 'paved:reconciler',
      });
      while (await engine.runOnce());
      expect(
        await admin(
          `SELECT datconnlimit FROM pg_database WHERE datname = '${names.main.database}'`,
        ),
      ).toEqual([{ datconnlimit: 10 }]);

      expect(await reconciler.run()).toMatchObject({ opened: 0, resolved: 1, restoring: 0 });
      expect((await environments.get(environment.id, credentials)).status).toBe('ready');
      await cleanUp(environment.id);
    });

    it("restores the owner role's privileges: CREATEDB and CREATEROLE granted out of band are taken away again", async () => {
      const { reconciler, environments, findings, engine, create, cleanUp } = await start();
      const { environment, names } = await create('granted', 'prod', ['main']);
      const role = names.main.role;
      await queryAsTestAdmin(`ALTER ROLE ${escapeIdentifier(role)} CREATEDB CREATEROLE`);

      expect(await reconciler.run()).toMatchObject({ opened: 1, restoring: 1 });
      const [finding] = await findings.list({ environmentId: environment.id, state: 'open' });
      expect([finding.rule, finding.observed, finding.message]).toEqual([
        'postgres.owner-privileges',
        'CREATEROLE CREATEDB',
        'postgres.owner-privileges message',
      ]);
      while (await engine.runOnce());
      expect(
        await queryAsTestAdmin(
          `SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = '${role}'`,
        ),
      ).toEqual([{ rolsuper: false, rolcreatedb: false, rolcreaterole: false }]);

      expect(await reconciler.run()).toMatchObject({ opened: 0, resolved: 1, restoring: 0 });
      const ready = await environments.get(environment.id, credentials);
      expect([ready.status, ready.openFindings]).toEqual(['ready', undefined]);
      await cleanUp(environment.id);
    });

    it('leaves a SUPERUSER owner role reported, saying what a superuser must run, and still restores the rest', async () => {
      const { reconciler, environments, findings, engine, create, cleanUp } = await start();
      const { environment, names } = await create('escalated', 'prod', ['main']);
      const { role, database } = names.main;
      await queryAsTestAdmin(`ALTER ROLE ${escapeIdentifier(role)} SUPERUSER`);
      await queryAsTestAdmin(`ALTER DATABASE ${escapeIdentifier(database)} CONNECTION LIMIT 500`);
      const open = async () =>
        (await findings.list({ environmentId: environment.id, state: 'open' })).map(f => [
          f.rule,
          f.observed,
          f.message,
        ]);
      const superuser = [
        'postgres.owner-privileges',
        'SUPERUSER',
        `postgres.owner-privileges message Not restored: The owner role "${role}" is a SUPERUSER and Paved's provisioning role on target "shared" is not one; only a superuser may change a superuser role. Needs a superuser: run ALTER ROLE "${role}" NOSUPERUSER NOCREATEROLE NOCREATEDB;`,
      ];

      expect(await reconciler.run()).toMatchObject({ opened: 2, restoring: 1 });
      expect((await open()).sort()).toEqual([
        ['postgres.connection-limit', '500', 'postgres.connection-limit message'],
        superuser,
      ]);
      while (await engine.runOnce());
      const restored = await environments.get(environment.id, credentials);
      expect(restored.status).toBe('ready');
      expect(
        await queryAsTestAdmin(
          `SELECT d.datconnlimit, r.rolsuper FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = '${database}'`,
        ),
      ).toEqual([{ datconnlimit: 10, rolsuper: true }]);

      // The limit is resolved; the superuser stays, and is not restored again in vain.
      expect(await reconciler.run()).toMatchObject({ opened: 0, resolved: 1, restoring: 0 });
      expect(await open()).toEqual([superuser]);
      expect(await reconciler.run()).toMatchObject({ opened: 0, resolved: 0, restoring: 0 });
      const degraded = await environments.get(environment.id, credentials);
      expect([degraded.status, degraded.statusReason]).toEqual([
        'degraded',
        'Baseline: 1 finding (postgres.owner-privileges)',
      ]);

      // A superuser runs what the finding says, and it resolves.
      await queryAsTestAdmin(`ALTER ROLE ${escapeIdentifier(role)} NOSUPERUSER NOCREATEROLE NOCREATEDB`);
      expect(await reconciler.run()).toMatchObject({ opened: 0, resolved: 1, restoring: 0 });
      expect((await environments.get(environment.id, credentials)).status).toBe('ready');
      await cleanUp(environment.id);
    });
  },
);

/** Observes every resource as there, or (missing) as gone, or (down) not at all. */
class ObservingDouble extends ProviderDouble {
  missing = false;
  down = false;

  async observe(observeRequest: ObserveRequest): Promise<ResourceObservation[]> {
    if (this.down) throw new Error('connect ECONNREFUSED');
    return observeRequest.resources.map(r => ({
      resourceId: r.resource.id,
      exists: !this.missing,
      observed: {},
    }));
  }
}

describe('the reconciler, with a provider double', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const credentials = mockCredentials.user();

  it('degrades only for high findings, keeps what it could not observe, and leaves other classes alone', async () => {
    const provider = new ObservingDouble();
    const test = await createTestEnvironments({
      knex: await databases.init('SQLITE_3'),
      provider,
      classes: [
        { name: 'small', tier: 'preview', lifecycle: 'static', baseline: 'small', resources: { double: { target: 'local', monthlyCost: 30 } } },
        { name: 'plain', tier: 'development', lifecycle: 'static', resources: { double: { target: 'local', monthlyCost: 30 } } },
      ],
      baselines: {
        small: {
          rules: [
            rule('environment.cost-budget', 'low', { max: 20 }),
            rule('resource.exists', 'high'),
          ],
        },
      },
    });
    const create = async (name: string, environmentClass: string) => {
      const created = (await test.environments.create(
        {
          name,
          class: environmentClass,
          owner: 'group:default/checkout-team',
          entityRef: 'component:default/checkout-api',
          resources: [{ type: 'double', name: 'main', spec: {} }],
        },
        { credentials },
      )) as any;
      return created.environment.id as string;
    };
    const small = await create('small', 'small');
    const plain = await create('plain', 'plain');
    while (await test.engine.runOnce());

    // Over budget (low): a finding, no notice, still ready.
    expect(await test.reconciler.run()).toMatchObject({ observed: 2, opened: 1 });
    expect((await test.environments.get(small, credentials)).status).toBe('ready');
    expect(test.sent).toEqual([]);

    // Gone (high) in both; only the class with a baseline cares.
    provider.missing = true;
    expect(await test.reconciler.run()).toMatchObject({ opened: 1 });
    expect((await test.environments.get(small, credentials)).status).toBe('degraded');
    expect((await test.environments.get(plain, credentials)).status).toBe('ready');
    expect(test.sent).toHaveLength(1);

    // A target that cannot be reached says nothing about its resources: nothing resolves.
    provider.down = true;
    expect(await test.reconciler.run()).toMatchObject({ observed: 0, resolved: 0 });
    expect((await test.environments.get(small, credentials)).status).toBe('degraded');

    provider.down = false;
    provider.missing = false;
    expect(await test.reconciler.run()).toMatchObject({ resolved: 1 });
    const ready = await test.environments.get(small, credentials);
    expect([ready.status, ready.openFindings]).toEqual(['ready', 1]);
    expect(test.sent).toHaveLength(1);
  });
});
