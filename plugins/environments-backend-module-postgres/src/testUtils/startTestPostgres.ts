import { chmod, mkdtemp, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresServer } from '../embedded/EmbeddedPostgresServer';
import { findFreePort } from '../embedded/ports';

/**
 * A throwaway PostgreSQL server for tests.
 * @public
 */
export interface TestPostgres {
  /** The admin (superuser) connection URL. */
  url: string;
  /** The server's log; every statement is in it. */
  logFile: string;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts an embedded PostgreSQL server on a free port, in a fresh temporary folder, tuned
 * for tests: no fsync, many connections, every statement logged.
 *
 * @public
 */
export async function startTestPostgres(options?: {
  postgresFlags?: string[];
}): Promise<TestPostgres> {
  const folder = await mkdtemp(join(tmpdir(), 'paved-test-postgres-'));
  // As root the server runs as the OS user `postgres`, which must be able to enter it.
  await chmod(folder, 0o755);
  const logFile = join(folder, 'server.log');
  // Log writes are queued so they land in order; stop() waits for the queue.
  let logWrites = Promise.resolve();
  try {
    const server = await EmbeddedPostgresServer.start({
      dataDirectory: join(folder, 'data'),
      port: await findFreePort(),
      postgresFlags: [
        ...['-c', 'max_connections=300'],
        ...['-c', 'log_statement=all'],
        ...['-c', 'fsync=off'],
        ...['-c', 'synchronous_commit=off'],
        ...['-c', 'full_page_writes=off'],
        ...(options?.postgresFlags ?? []),
      ],
      removeOnStop: folder,
      onLog: message => {
        // The last lines may come after the folder is gone; they do not matter then.
        logWrites = logWrites
          .then(() => appendFile(logFile, message))
          .catch(() => undefined);
      },
    });
    const { user, password, host, port, database } = server.connection;
    return {
      url: `postgresql://${user}:${encodeURIComponent(
        password,
      )}@${host}:${port}/${database}`,
      logFile,
      async stop() {
        await server.stop();
        await logWrites;
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
