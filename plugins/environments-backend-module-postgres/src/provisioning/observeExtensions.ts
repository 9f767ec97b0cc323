import { LoggerService } from '@backstage/backend-plugin-api';
import { Client } from 'pg';
import { PostgresConnectionConfig } from '../readPostgresTargets';

/**
 * The extensions installed in the database the session is connected to. `plpgsql` is in
 * every database from its template, so it is not reported.
 */
const EXTENSIONS_SQL = `
SELECT coalesce(array_agg(extname::text ORDER BY extname), '{}') AS extensions
  FROM pg_extension
 WHERE extname <> 'plpgsql'`;

/**
 * The next databases whose extensions are read: up to `size` of them, in name order,
 * starting after `after` (the last one read the time before) and wrapping around to the
 * first. With the same n databases, each one is read within ceil(n / size) calls; a
 * database added or dropped in between does not make any other wait longer than one more
 * round.
 */
export function extensionWindow(
  databases: string[],
  after: string | undefined,
  size: number,
): string[] {
  const sorted = [...new Set(databases)].sort();
  if (size <= 0 || sorted.length === 0) return [];
  if (sorted.length <= size) return sorted;
  const start =
    after === undefined ? 0 : sorted.findIndex(database => database > after);
  const from = start === -1 ? 0 : start;
  return [...sorted.slice(from), ...sorted].slice(0, size);
}

/**
 * Reads the extensions of each database, one connection and one statement per database:
 * `pg_extension` is per database, so no cluster-wide statement can see it. The databases
 * are read one after another, so a pass holds one extra connection to the target at a
 * time. A database that cannot be read (its connection limit reached, for one) is left
 * out, and read again when the window comes round.
 */
export async function readExtensions(
  connection: PostgresConnectionConfig,
  databases: string[],
  logger: LoggerService,
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const database of databases) {
    const client = new Client({
      ...connection,
      database,
      connectionTimeoutMillis: 10_000,
      application_name: 'paved-environments',
    });
    // A broken connection must not take the backend down with it.
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ extensions: string[] }>(
        EXTENSIONS_SQL,
      );
      found.set(database, rows[0].extensions);
    } catch (error) {
      logger.warn(
        `Could not read the extensions of database ${database}; it is read again when its turn comes: ${
          (error as Error).message
        }`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return found;
}
