import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { PostgresConnectionConfig } from '../readPostgresTargets';
import { generatePassword, scramSha256Verifier } from '../scram';
import { TEST_POSTGRES_URL_ENV } from './globalHooks';

/**
 * The admin connection of the test run's server, from `PAVED_TEST_POSTGRES_URL`.
 * @public
 */
export function testPostgresConnection(): PostgresConnectionConfig {
  const value = process.env[TEST_POSTGRES_URL_ENV];
  if (!value) {
    throw new Error(
      `${TEST_POSTGRES_URL_ENV} is not set: add the globalSetup and globalTeardown of @paved/plugin-environments-backend-module-postgres to the package's jest config (see its README)`,
    );
  }
  const url = new URL(value);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)) || 'postgres',
  };
}

/**
 * Runs one statement as the test run's superuser, on a connection of its own, as someone
 * with psql would behind the portal's back: in the server's default database, or in the
 * given one (extensions, for one, live per database).
 * @public
 */
export async function queryAsTestAdmin(
  sql: string,
  options?: { database?: string },
): Promise<Array<Record<string, unknown>>> {
  const client = new Client({
    ...testPostgresConnection(),
    ...(options?.database && { database: options.database }),
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A role made the way the README tells platform teams to (LOGIN CREATEDB CREATEROLE, not a
 * superuser), on the test run's server, so tests provision with the privileges production
 * has.
 *
 * @public
 */
export async function createTestProvisioningRole(): Promise<{
  connection: PostgresConnectionConfig;
  drop(): Promise<void>;
}> {
  const admin = testPostgresConnection();
  const user = `paved_provisioner_${randomBytes(4).toString('hex')}`;
  const password = generatePassword();
  const run = async (sql: string) => {
    const client = new Client(admin);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(
    `CREATE ROLE ${escapeIdentifier(
      user,
    )} LOGIN CREATEDB CREATEROLE PASSWORD ${escapeLiteral(
      await scramSha256Verifier(password),
    )}`,
  );
  return {
    connection: { ...admin, user, password },
    drop: () => run(`DROP ROLE IF EXISTS ${escapeIdentifier(user)}`),
  };
}
