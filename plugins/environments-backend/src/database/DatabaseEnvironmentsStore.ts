import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import { DatabaseEnvironmentStore } from './DatabaseEnvironmentStore';
import { DatabaseExceptionStore } from './DatabaseExceptionStore';
import { DatabaseFindingStore } from './DatabaseFindingStore';
import { DatabaseGoalStore } from './DatabaseGoalStore';
import { DatabaseIdempotencyStore } from './DatabaseIdempotencyStore';
import { DatabaseOperationStore } from './DatabaseOperationStore';
import { DatabaseRefusalStore } from './DatabaseRefusalStore';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { EnvironmentsStore } from './EnvironmentsStore';
import { DatabaseMetricStore } from './metrics/DatabaseMetricStore';

const migrationsDir = resolvePackagePath(
  '@paved/plugin-environments-backend',
  'migrations',
);

/**
 * The environments service's tables on the plugin's database. Owns its migrations and
 * respects the framework's "skip migrations" switch.
 */
export async function createDatabaseEnvironmentsStore(options: {
  database: DatabaseService;
}): Promise<EnvironmentsStore> {
  const db = await options.database.getClient();
  if (!options.database.migrations?.skip) {
    await db.migrate.latest({ directory: migrationsDir });
  }
  return {
    environments: new DatabaseEnvironmentStore(db),
    operations: new DatabaseOperationStore(db),
    changes: new DatabaseChangeStore(db),
    findings: new DatabaseFindingStore(db),
    idempotency: new DatabaseIdempotencyStore(db),
    requests: new DatabaseRequestStore(db),
    exceptions: new DatabaseExceptionStore(db),
    refusals: new DatabaseRefusalStore(db),
    goals: new DatabaseGoalStore(db),
    metrics: new DatabaseMetricStore(db),
  };
}
