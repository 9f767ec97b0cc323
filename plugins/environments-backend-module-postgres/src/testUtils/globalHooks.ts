import { startTestPostgres, TestPostgres } from './startTestPostgres';

/** Where the admin URL of the test run's PostgreSQL server is published. @public */
export const TEST_POSTGRES_URL_ENV = 'PAVED_TEST_POSTGRES_URL';
/** Where the path of that server's log is published, when it is known. @public */
export const TEST_POSTGRES_LOG_FILE_ENV = 'PAVED_TEST_POSTGRES_LOG_FILE';
/** Backstage's `TestDatabases` runs its `POSTGRES_18` databases on the server named here. */
const BACKSTAGE_POSTGRES_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES18_CONNECTION_STRING';

/** Hands the server from setup to teardown: Jest loads the two as separate modules. */
const HANDLE = Symbol.for('paved.testPostgres');

type GlobalWithHandle = typeof globalThis & { [HANDLE]?: TestPostgres };

/**
 * Jest `globalSetup`: starts one PostgreSQL server for the whole test run, unless
 * `PAVED_TEST_POSTGRES_URL` already names one, and publishes it to the test workers through
 * `PAVED_TEST_POSTGRES_URL`, `PAVED_TEST_POSTGRES_LOG_FILE` and
 * `BACKSTAGE_TEST_DATABASE_POSTGRES18_CONNECTION_STRING`.
 *
 * @public
 */
export async function globalSetup(): Promise<void> {
  if (!process.env[TEST_POSTGRES_URL_ENV]) {
    const server = await startTestPostgres();
    (globalThis as GlobalWithHandle)[HANDLE] = server;
    process.env[TEST_POSTGRES_URL_ENV] = server.url;
    process.env[TEST_POSTGRES_LOG_FILE_ENV] = server.logFile;
  }
  process.env[BACKSTAGE_POSTGRES_ENV] ??= process.env[TEST_POSTGRES_URL_ENV];
}

/**
 * Jest `globalTeardown`: stops the server `globalSetup` started, if it started one.
 * @public
 */
export async function globalTeardown(): Promise<void> {
  const global = globalThis as GlobalWithHandle;
  const server = global[HANDLE];
  if (server) {
    delete global[HANDLE];
    await server.stop();
  }
}
