/**
 * Test utilities: one real PostgreSQL server per test run, for this package and the
 * packages that provision through it.
 *
 * @packageDocumentation
 */
export {
  globalSetup,
  globalTeardown,
  TEST_POSTGRES_LOG_FILE_ENV,
  TEST_POSTGRES_URL_ENV,
} from './globalHooks';
export { startTestPostgres, type TestPostgres } from './startTestPostgres';
export {
  createTestProvisioningRole,
  queryAsTestAdmin,
  testPostgresConnection,
} from './provisioningRole';
// What testPostgresConnection returns, so this entry point names every type it uses.
export type { PostgresConnectionConfig } from '../readPostgresTargets';
