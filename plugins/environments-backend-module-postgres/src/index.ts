/**
 * The Paved environments provider for PostgreSQL: a database and its owner role per
 * `postgres-database` resource, on configured servers or an embedded one.
 *
 * @packageDocumentation
 */
export { environmentsModulePostgres as default } from './module';
export {
  PostgresProvider,
  type PostgresProviderOptions,
  type PostgresTarget,
} from './PostgresProvider';
export {
  readPostgresTargets,
  type PostgresConnectionConfig,
  type PostgresTargetConfig,
} from './readPostgresTargets';
export {
  postgresSpecSchema,
  validatePostgresSpec,
  type PostgresSpec,
} from './spec';
export { postgresBaselineRules } from './baselines';
export { ownershipMarker, physicalNames, type PostgresNames } from './naming';
