import { mockServices } from '@backstage/backend-test-utils';
import {
  ProvisionedResource,
  ResourceObservation,
  TransientProviderError,
} from '@paved/plugin-environments-node';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Client, escapeIdentifier, Pool } from 'pg';
import { findFreePort } from './embedded/ports';
import { physicalNames } from './naming';
import { PostgresProvider } from './PostgresProvider';
import {
  createTestProvisioningRole,
  TEST_POSTGRES_LOG_FILE_ENV,
  testPostgresConnection,
} from './testUtils';

const TARGET = 'test';
const admin = new Pool({ ...testPostgresConnection(), max: 2 });
const logger = mockServices.logger.mock();
const created: ProvisionedResource[] = [];
let provisioner: Awaited<ReturnType<typeof createTestProvisioningRole>>;
let provider: PostgresProvider;

function newResource(name = 'db'): ProvisionedResource {
  const resource = {
    id: randomUUID(),
    name,
    environmentName: 'test',
    entityRef: 'component:default/checkout-api',
  };
  created.push(resource);
  return resource;
}

function apply(
  resource: ProvisionedResource,
  spec: object = {},
  secret?: string,
) {
  return provider.apply({
    target: TARGET,
    resource,
    spec: provider.validateSpec(spec),
    secret,
    logger,
  });
}

async function query(connectionString: string, sql: string) {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // Provision as production does: a role with CREATEDB and CREATEROLE, not a superuser.
  provisioner = await createTestProvisioningRole();
  provider = PostgresProvider.create({
    targets: [{ name: TARGET, connection: provisioner.connection }],
    logger,
  });
});

afterAll(async () => {
  try {
    for (const resource of created) {
      await provider
        .destroy({ target: TARGET, resource, logger })
        .catch(() => undefined);
    }
    await provider.close();
    await provisioner.drop();
  } finally {
    await admin.end();
  }
});

describe('PostgresProvider', () => {
  it('describes itself', () => {
    expect(provider.resourceType).toBe('postgres-database');
    expect(provider.providerId).toBe('postgres');
    expect(provider.getTargets()).toEqual([TARGET]);
  });

  it('creates a database and its owner role that a user can work in', async () => {
    const resource = newResource('orders');
    const { database, role } = physicalNames(resource);

    const result = await apply(resource);

    expect(result.outputs).toEqual({
      host: provisioner.connection.host,
      port: provisioner.connection.port,
      database,
      user: role,
    });
    expect(result.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const url = provider.connectionString(result.outputs, result.secret!);
    await query(url, 'CREATE TABLE orders (id int PRIMARY KEY)');
    await query(url, 'INSERT INTO orders VALUES (1)');
    expect(await query(url, 'SELECT count(*)::int AS n FROM orders')).toEqual([
      { n: 1 },
    ]);
    expect(await query(url, 'SHOW statement_timeout')).toEqual([
      { statement_timeout: '30s' },
    ]);

    const { rows } = await admin.query(
      `SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolcanlogin,
              shobj_description(r.oid, 'pg_authid') AS role_comment,
              shobj_description(d.oid, 'pg_database') AS database_comment,
              pg_get_userbyid(d.datdba) AS owner, d.datconnlimit,
              (SELECT count(*)::int FROM aclexplode(d.datacl) a WHERE a.grantee = 0) AS public_grants
         FROM pg_roles r, pg_database d
        WHERE r.rolname = $1 AND d.datname = $2`,
      [role, database],
    );
    expect(rows).toEqual([
      {
        rolsuper: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolcanlogin: true,
        role_comment: `paved:resource:${resource.id}`,
        database_comment: `paved:resource:${resource.id}`,
        owner: role,
        datconnlimit: 10,
        public_grants: 0,
      },
    ]);
  });

  it('is idempotent, and keeps the password when given the stored secret', async () => {
    const resource = newResource();
    const first = await apply(resource);

    const again = await apply(resource, {}, first.secret);
    expect(again).toEqual(first);
    await expect(
      query(
        provider.connectionString(first.outputs, first.secret!),
        'SELECT 1',
      ),
    ).resolves.toHaveLength(1);
  });

  it('sets a new password when there is no stored secret', async () => {
    const resource = newResource();
    const first = await apply(resource);

    const second = await apply(resource);
    expect(second.outputs).toEqual(first.outputs);
    expect(second.secret).not.toBe(first.secret);
    await expect(
      query(
        provider.connectionString(second.outputs, second.secret!),
        'SELECT 1',
      ),
    ).resolves.toHaveLength(1);
    await expect(
      query(
        provider.connectionString(first.outputs, first.secret!),
        'SELECT 1',
      ),
    ).rejects.toThrow(/password authentication failed/);
  });

  it('converges a changed spec', async () => {
    const resource = newResource();
    const { secret } = await apply(resource);
    await apply(
      resource,
      { connectionLimit: 3, statementTimeout: '5min' },
      secret,
    );

    const [observation] = await provider.observe({
      target: TARGET,
      resources: [{ resource, spec: {} }],
      logger,
    });
    expect(observation).toEqual({
      resourceId: resource.id,
      exists: true,
      observed: {
        connectionLimit: 3,
        statementTimeout: '5min',
        owner: physicalNames(resource).role,
        expectedOwner: physicalNames(resource).role,
        ownerIsSuperuser: false,
        ownerCanCreateRole: false,
        ownerCanCreateDb: false,
        managedByPaved: true,
        roleExists: true,
        extensions: [],
      },
    });
  });

  it('takes CREATEDB and CREATEROLE from the owner role again; a SUPERUSER one it leaves, saying what a superuser must run, and converges the rest', async () => {
    const resource = newResource();
    const { role, database } = physicalNames(resource);
    const { outputs, secret } = await apply(resource);
    const attributes = async () =>
      (
        await admin.query(
          'SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1',
          [role],
        )
      ).rows[0];
    const observe = async () =>
      (
        await provider.observe({
          target: TARGET,
          resources: [{ resource, spec: {} }],
          logger,
        })
      )[0];

    await admin.query(
      `ALTER ROLE ${escapeIdentifier(role)} CREATEDB CREATEROLE`,
    );
    const granted = await observe();
    expect(granted.observed).toMatchObject({
      ownerIsSuperuser: false,
      ownerCanCreateRole: true,
      ownerCanCreateDb: true,
    });
    expect(granted.cannotRestore).toBeUndefined();
    await apply(resource, {}, secret);
    expect(await attributes()).toEqual({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
    });

    await admin.query(
      `ALTER ROLE ${escapeIdentifier(role)} SUPERUSER CREATEDB`,
    );
    await admin.query(
      `ALTER DATABASE ${escapeIdentifier(database)} CONNECTION LIMIT 500`,
    );
    try {
      const remedy = `The owner role "${role}" is a SUPERUSER and Paved's provisioning role on target "${TARGET}" is not one; only a superuser may change a superuser role. Needs a superuser: run ALTER ROLE "${role}" NOSUPERUSER NOCREATEROLE NOCREATEDB;`;
      expect((await observe()).cannotRestore).toEqual({
        ownerIsSuperuser: remedy,
        ownerCanCreateDb: remedy,
      });

      const warnings = jest.fn();
      await provider.apply({
        target: TARGET,
        resource,
        spec: provider.validateSpec({}),
        secret,
        logger: { ...logger, warn: warnings },
      });
      expect(warnings).toHaveBeenCalledWith(remedy, expect.anything());
      expect(await attributes()).toEqual({
        rolsuper: true,
        rolcreatedb: true,
        rolcreaterole: false,
      });
      // The rest converged, and the stored password still works.
      expect(
        (
          await admin.query(
            'SELECT datconnlimit FROM pg_database WHERE datname = $1',
            [database],
          )
        ).rows,
      ).toEqual([{ datconnlimit: 10 }]);
      await expect(
        query(provider.connectionString(outputs, secret!), 'SELECT 1 AS one'),
      ).resolves.toEqual([{ one: 1 }]);

      // A new password it could not set: that apply fails, saying why.
      await expect(apply(resource)).rejects.toThrow(
        `${remedy} Until then Paved cannot give the role a new password.`,
      );
    } finally {
      await admin.query(
        `ALTER ROLE ${escapeIdentifier(role)} NOSUPERUSER NOCREATEDB`,
      );
    }
  });

  it('takes away what it may when the provisioning role lacks CREATEDB, and says what to run for the rest', async () => {
    const limited = await createTestProvisioningRole();
    const limitedProvider = PostgresProvider.create({
      targets: [{ name: TARGET, connection: limited.connection }],
      logger,
    });
    const resource = newResource('limited');
    created.pop();
    const { role } = physicalNames(resource);
    try {
      const request = {
        target: TARGET,
        resource,
        spec: limitedProvider.validateSpec({}),
        logger,
      };
      const { secret } = await limitedProvider.apply(request);
      await admin.query(
        `ALTER ROLE ${escapeIdentifier(limited.connection.user)} NOCREATEDB`,
      );
      await admin.query(
        `ALTER ROLE ${escapeIdentifier(role)} CREATEDB CREATEROLE`,
      );
      const observe = async () =>
        (
          await limitedProvider.observe({
            target: TARGET,
            resources: [{ resource, spec: {} }],
            logger,
          })
        )[0].cannotRestore;
      const remedy = `Paved's provisioning role on target "${TARGET}" may not take CREATEDB from the owner role "${role}" (that needs CREATEROLE, CREATEDB and ADMIN OPTION on the role). As a role that may, run ALTER ROLE "${role}" NOCREATEDB;`;
      expect(await observe()).toEqual({ ownerCanCreateDb: remedy });

      await limitedProvider.apply({ ...request, secret });
      expect(
        (
          await admin.query(
            'SELECT rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1',
            [role],
          )
        ).rows,
      ).toEqual([{ rolcreatedb: true, rolcreaterole: false }]);
      expect(await observe()).toEqual({ ownerCanCreateDb: remedy });
    } finally {
      await limitedProvider.destroy({ target: TARGET, resource, logger });
      await limitedProvider.close();
      await limited.drop();
    }
  });

  it('observes many resources in one query, including missing ones, and the extensions of those in its window', async () => {
    const kept = newResource();
    const dropped = newResource();
    const never = newResource();
    created.pop();
    await Promise.all([apply(kept, { connectionLimit: 7 }), apply(dropped)]);
    await admin.query(
      `DROP DATABASE ${escapeIdentifier(
        physicalNames(dropped).database,
      )} WITH (FORCE)`,
    );

    const queries = jest.spyOn(Client.prototype, 'query');
    let observations;
    try {
      observations = await provider.observe({
        target: TARGET,
        resources: [kept, dropped, never].map(resource => ({
          resource,
          spec: {},
        })),
        logger,
      });
      // One for all three, one for the extensions of the one database there is.
      expect(queries).toHaveBeenCalledTimes(2);
    } finally {
      queries.mockRestore();
    }

    expect(observations).toEqual([
      expect.objectContaining({
        resourceId: kept.id,
        exists: true,
        observed: expect.objectContaining({
          connectionLimit: 7,
          statementTimeout: '30s',
          managedByPaved: true,
          extensions: [],
        }),
      }),
      { resourceId: dropped.id, exists: false, observed: { roleExists: true } },
      { resourceId: never.id, exists: false, observed: { roleExists: false } },
    ]);
  });

  it('reads the extensions of a window of databases that moves on with every call', async () => {
    const windowed = PostgresProvider.create({
      targets: [{ name: TARGET, connection: provisioner.connection }],
      logger,
      extensionWindow: 2,
    });
    try {
      const resources = [newResource(), newResource(), newResource()];
      await Promise.all(resources.map(resource => apply(resource)));
      const byName = [...resources].sort((a, b) =>
        physicalNames(a).database.localeCompare(physicalNames(b).database),
      );
      // Installed behind Paved's back, in the database the first window does not reach.
      const last = physicalNames(byName[2]).database;
      const client = new Client({
        ...testPostgresConnection(),
        database: last,
      });
      await client.connect();
      await client.query('CREATE EXTENSION hstore');
      await client.end();

      const observe = async () => {
        const queries = jest.spyOn(Client.prototype, 'query');
        try {
          const observations = await windowed.observe({
            target: TARGET,
            resources: resources.map(resource => ({ resource, spec: {} })),
            logger,
          });
          return { observations, statements: queries.mock.calls.length };
        } finally {
          queries.mockRestore();
        }
      };
      const seen = (observations: ResourceObservation[]) =>
        byName.map(resource => {
          const o = observations.find(x => x.resourceId === resource.id)!;
          return o.unobserved ?? o.observed.extensions;
        });

      const first = await observe();
      expect(first.statements).toBe(3);
      expect(seen(first.observations)).toEqual([[], [], ['extensions']]);
      const second = await observe();
      expect(second.statements).toBe(3);
      expect(seen(second.observations)).toEqual([
        [],
        ['extensions'],
        ['hstore'],
      ]);
    } finally {
      await windowed.close();
    }
  });

  it('observes nothing without a query', async () => {
    await expect(
      provider.observe({ target: TARGET, resources: [], logger }),
    ).resolves.toEqual([]);
  });

  it.each(['database', 'role'] as const)(
    'refuses a %s of the same name that Paved did not create, and leaves it alone',
    async kind => {
      const resource = newResource();
      const names = physicalNames(resource);
      const name = kind === 'database' ? names.database : names.role;
      await admin.query(
        `CREATE ${kind.toUpperCase()} ${escapeIdentifier(name)}`,
      );
      try {
        const error = await apply(resource).catch(e => e);
        expect(error.name).toBe('ConflictError');
        expect(error.message).toContain(
          `The PostgreSQL ${kind} "${name}" already exists on target "test" but was not created by Paved for this resource`,
        );

        const destroyError = await provider
          .destroy({ target: TARGET, resource, logger })
          .catch(e => e);
        expect(destroyError.name).toBe('ConflictError');
        const { rows } = await admin.query(
          kind === 'database'
            ? 'SELECT 1 FROM pg_database WHERE datname = $1'
            : 'SELECT 1 FROM pg_roles WHERE rolname = $1',
          [name],
        );
        expect(rows).toHaveLength(1);
      } finally {
        await admin.query(
          `DROP ${kind.toUpperCase()} ${escapeIdentifier(name)}`,
        );
      }
    },
  );

  it("refuses another resource's database even though Paved created it", async () => {
    const resource = newResource();
    await apply(resource);
    await admin.query(
      `COMMENT ON DATABASE ${escapeIdentifier(
        physicalNames(resource).database,
      )} IS 'paved:resource:someone-else'`,
    );
    await expect(apply(resource)).rejects.toThrow(
      /^The PostgreSQL database ".*" already exists on target "test" but was not created by Paved/,
    );
    await admin.query(
      `COMMENT ON DATABASE ${escapeIdentifier(
        physicalNames(resource).database,
      )} IS 'paved:resource:${resource.id}'`,
    );
  });

  it('finishes an apply that stopped between CREATE DATABASE and its COMMENT', async () => {
    const resource = newResource();
    const { secret } = await apply(resource);
    const { database } = physicalNames(resource);
    await admin.query(
      `COMMENT ON DATABASE ${escapeIdentifier(database)} IS NULL`,
    );

    await apply(resource, {}, secret);

    const { rows } = await admin.query(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [database],
    );
    expect(rows).toEqual([{ comment: `paved:resource:${resource.id}` }]);
  });

  it('survives concurrent applies of the same resource', async () => {
    const resource = newResource();
    const secret = 'the-same-secret-for-both';
    const results = await Promise.all([
      apply(resource, {}, secret),
      apply(resource, {}, secret),
      apply(resource, {}, secret),
    ]);
    expect(new Set(results.map(r => JSON.stringify(r))).size).toBe(1);
    await expect(
      query(provider.connectionString(results[0].outputs, secret), 'SELECT 1'),
    ).resolves.toHaveLength(1);
  });

  it('destroys both objects, and a second destroy succeeds', async () => {
    const resource = newResource();
    const result = await apply(resource);
    const url = provider.connectionString(result.outputs, result.secret!);
    // An open session must not stop the drop.
    const session = new Client({ connectionString: url });
    session.on('error', () => undefined);
    await session.connect();

    await provider.destroy({ target: TARGET, resource, logger });
    await provider.destroy({ target: TARGET, resource, logger });

    const { database, role } = physicalNames(resource);
    const { rows } = await admin.query(
      `SELECT (SELECT count(*)::int FROM pg_database WHERE datname = $1) AS databases,
              (SELECT count(*)::int FROM pg_roles WHERE rolname = $2) AS roles`,
      [database, role],
    );
    expect(rows).toEqual([{ databases: 0, roles: 0 }]);
    await session.end().catch(() => undefined);
  });

  it('reports an unreachable target as a transient error', async () => {
    const port = await findFreePort();
    const down = PostgresProvider.create({
      targets: [
        {
          name: 'down',
          connection: { ...provisioner.connection, host: '127.0.0.1', port },
        },
      ],
      logger,
    });
    try {
      const resource = newResource();
      created.pop();
      const request = { target: 'down', resource, logger };
      for (const call of [
        () => down.apply({ ...request, spec: down.validateSpec({}) }),
        () => down.destroy(request),
        () => down.observe({ ...request, resources: [{ resource, spec: {} }] }),
      ]) {
        const error = await call().catch(e => e);
        expect(error).toBeInstanceOf(TransientProviderError);
        expect(error.message).toMatch(
          /on target "down" failed: .*ECONNREFUSED/,
        );
      }
    } finally {
      await down.close();
    }
  });

  it('keeps the password out of the server log and its own log lines', async () => {
    const logFile = process.env[TEST_POSTGRES_LOG_FILE_ENV];
    if (!logFile) {
      throw new Error(
        `${TEST_POSTGRES_LOG_FILE_ENV} must name the log of the server at PAVED_TEST_POSTGRES_URL`,
      );
    }
    const resourceLogger = mockServices.logger.mock();
    const resource = newResource();
    const { role } = physicalNames(resource);
    const result = await provider.apply({
      target: TARGET,
      resource,
      spec: provider.validateSpec({}),
      logger: resourceLogger,
    });
    await provider.apply({
      target: TARGET,
      resource,
      spec: provider.validateSpec({ connectionLimit: 4 }),
      secret: result.secret,
      logger: resourceLogger,
    });

    // The log travels through a pipe; wait until a statement sent after the applies is in it.
    const probe = `paved-log-probe-${randomUUID()}`;
    await admin.query(`SELECT '${probe}'`);
    let log = '';
    for (let i = 0; i < 100 && !log.includes(probe); i++) {
      await new Promise(resolve => setTimeout(resolve, 50));
      log = await readFile(logFile, 'utf8');
    }
    expect(log).toContain(probe);
    // The statements are logged, with the verifier in place of the password.
    expect(log).toMatch(
      new RegExp(`CREATE ROLE "${role}" [^;]* PASSWORD 'SCRAM-SHA-256\\$4096:`),
    );
    expect(log).toMatch(
      new RegExp(`ALTER ROLE "${role}" PASSWORD 'SCRAM-SHA-256`),
    );
    expect(log).not.toContain(result.secret);

    expect(resourceLogger.info).toHaveBeenCalled();
    const logged = JSON.stringify([
      resourceLogger.info.mock.calls,
      resourceLogger.debug.mock.calls,
      resourceLogger.warn.mock.calls,
      resourceLogger.error.mock.calls,
      logger.info.mock.calls,
      logger.warn.mock.calls,
    ]);
    expect(logged).toContain(role);
    expect(logged).not.toContain(result.secret);
  });

  it('stops before doing anything when the request is aborted', async () => {
    const resource = newResource();
    await expect(
      provider.apply({
        target: TARGET,
        resource,
        spec: provider.validateSpec({}),
        logger,
        signal: AbortSignal.abort(),
      }),
    ).rejects.toThrow(/aborted/);
    const { rows } = await admin.query(
      'SELECT 1 FROM pg_roles WHERE rolname = $1',
      [physicalNames(resource).role],
    );
    expect(rows).toHaveLength(0);
  });

  it('refuses a target it does not know', async () => {
    await expect(
      provider.apply({
        target: 'elsewhere',
        resource: newResource(),
        spec: {},
        logger,
      }),
    ).rejects.toThrow(
      '"elsewhere" is not a target of the postgres provider (targets: test)',
    );
  });

  it('builds URL-encoded connection strings', () => {
    const url = provider.connectionString(
      { host: 'db.internal', port: 5432, database: 'a_b', user: 'us@r' },
      'p@ss:w/rd?#',
    );
    expect(url).toBe(
      'postgresql://us%40r:p%40ss%3Aw%2Frd%3F%23@db.internal:5432/a_b',
    );
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.password)).toBe('p@ss:w/rd?#');
    expect(decodeURIComponent(parsed.username)).toBe('us@r');
    expect(() =>
      provider.connectionString({ host: 'h', port: 1, user: 'u' }, 'x'),
    ).toThrow(/needs the outputs host, port, database and user/);
  });
});

describe('PostgresProvider with a superuser as provisioner', () => {
  it('provisions, restores the owner role, and destroys too', async () => {
    const superProvider = PostgresProvider.create({
      targets: [{ name: 'embedded', connection: testPostgresConnection() }],
      logger,
    });
    try {
      const resource = newResource('super');
      created.pop();
      const result = await superProvider.apply({
        target: 'embedded',
        resource,
        spec: superProvider.validateSpec({}),
        logger,
      });
      await expect(
        query(
          superProvider.connectionString(result.outputs, result.secret!),
          'SELECT current_user AS who',
        ),
      ).resolves.toEqual([{ who: physicalNames(resource).role }]);
      // It takes SUPERUSER from the owner role too.
      const { role } = physicalNames(resource);
      await admin.query(
        `ALTER ROLE ${escapeIdentifier(role)} SUPERUSER CREATEDB CREATEROLE`,
      );
      const [granted] = await superProvider.observe({
        target: 'embedded',
        resources: [{ resource, spec: {} }],
        logger,
      });
      expect(granted.observed).toMatchObject({
        ownerIsSuperuser: true,
        ownerCanCreateRole: true,
        ownerCanCreateDb: true,
      });
      expect(granted.cannotRestore).toBeUndefined();
      await superProvider.apply({
        target: 'embedded',
        resource,
        spec: superProvider.validateSpec({}),
        secret: result.secret,
        logger,
      });
      expect(
        (
          await admin.query(
            'SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1',
            [role],
          )
        ).rows,
      ).toEqual([
        { rolsuper: false, rolcreatedb: false, rolcreaterole: false },
      ]);

      await superProvider.destroy({ target: 'embedded', resource, logger });
      const [observation] = await superProvider.observe({
        target: 'embedded',
        resources: [{ resource, spec: {} }],
        logger,
      });
      expect(observation.exists).toBe(false);
    } finally {
      await superProvider.close();
    }
  });
});
