import { LoggerService } from '@backstage/backend-plugin-api';
import { ClientBase, escapeIdentifier } from 'pg';
import { PostgresNames } from '../naming';
import { assertOurs, inspect } from './inspect';

export interface DestroyDatabaseOptions {
  client: ClientBase;
  names: PostgresNames;
  marker: string;
  target: string;
  logger: LoggerService;
  signal?: AbortSignal;
}

/**
 * Drops the database and then its owner role, if they exist and are ours. Both are checked
 * before either is dropped, so a refusal leaves everything as it was; "already gone" is
 * success.
 */
export async function destroyDatabase(
  options: DestroyDatabaseOptions,
): Promise<void> {
  const { client, names, marker, target, logger, signal } = options;
  const fields = { target, database: names.database, role: names.role };

  signal?.throwIfAborted();
  const state = await inspect(client, names, marker);
  assertOurs(state, names, marker, target);

  if (state.database) {
    // FORCE ends the sessions still connected to it, and keeps new ones out meanwhile.
    await client.query(
      `DROP DATABASE IF EXISTS ${escapeIdentifier(
        names.database,
      )} WITH (FORCE)`,
    );
    logger.info('Dropped PostgreSQL database', fields);
  }
  if (state.role) {
    await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(names.role)}`);
    logger.info('Dropped PostgreSQL role', fields);
  }
}
