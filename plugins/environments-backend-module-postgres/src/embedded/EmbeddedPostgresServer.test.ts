import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat, unlink, readFile } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresServer } from './EmbeddedPostgresServer';
import { findFreePort, isPortFree } from './ports';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'paved-embedded-test-'));
  await chmod(folder, 0o755);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function adminQuery(server: EmbeddedPostgresServer, sql: string) {
  const client = new Client(server.connection);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('EmbeddedPostgresServer', () => {
  it('keeps its data and admin password across restarts, and leaves no process behind', async () => {
    const dataDirectory = join(folder, 'data', 'postgres');
    const port = await findFreePort();

    const first = await EmbeddedPostgresServer.start({ dataDirectory, port });
    expect(isRunning(first.pid)).toBe(true);
    expect(await adminQuery(first, 'SHOW listen_addresses')).toEqual([
      { listen_addresses: 'localhost' },
    ]);
    await adminQuery(first, 'CREATE TABLE kept (id int)');
    const passwordFile = `${dataDirectory}.password`;
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
    const password = await readFile(passwordFile, 'utf8');
    await first.stop();
    expect(isRunning(first.pid)).toBe(false);
    expect(await isPortFree(port)).toBe(true);

    const second = await EmbeddedPostgresServer.start({ dataDirectory, port });
    try {
      expect(second.connection.password).toBe(first.connection.password);
      expect(await readFile(passwordFile, 'utf8')).toBe(password);
      expect(
        await adminQuery(second, "SELECT to_regclass('kept')::text AS t"),
      ).toEqual([{ t: 'kept' }]);
    } finally {
      await second.stop();
    }
    expect(isRunning(second.pid)).toBe(false);
    // Stopping twice is harmless.
    await second.stop();
  });

  it('refuses a wrong password: the admin login is not open to everyone on the machine', async () => {
    const server = await EmbeddedPostgresServer.start({
      dataDirectory: join(folder, 'data'),
      port: await findFreePort(),
    });
    try {
      const client = new Client({ ...server.connection, password: 'guess' });
      await expect(client.connect()).rejects.toThrow(
        /password authentication failed for user "postgres"/,
      );
    } finally {
      await server.stop();
    }
  });

  it('names the config key and the port when the port is busy', async () => {
    const port = await findFreePort();
    const blocker: Server = createServer();
    await new Promise<void>(resolve =>
      blocker.listen({ port, host: '127.0.0.1' }, resolve),
    );
    try {
      await expect(
        EmbeddedPostgresServer.start({
          dataDirectory: join(folder, 'data'),
          port,
          configKey: 'environments.providers.postgres.targets.local.embedded',
        }),
      ).rejects.toThrow(
        `environments.providers.postgres.targets.local.embedded: port ${port} on localhost is already in use (another PostgreSQL server?); stop whatever listens there or set environments.providers.postgres.targets.local.embedded.port`,
      );
    } finally {
      await new Promise(resolve => blocker.close(resolve));
    }
  });

  it('says why when PostgreSQL does not start', async () => {
    await expect(
      EmbeddedPostgresServer.start({
        dataDirectory: join(folder, 'data'),
        port: await findFreePort(),
        postgresFlags: ['-c', 'no_such_setting=1'],
      }),
    ).rejects.toThrow(
      /PostgreSQL did not start: .*unrecognized configuration parameter "no_such_setting"/s,
    );
  });

  it('refuses to start a cluster whose admin password file is gone', async () => {
    const dataDirectory = join(folder, 'data');
    const server = await EmbeddedPostgresServer.start({
      dataDirectory,
      port: await findFreePort(),
    });
    await server.stop();
    await unlink(`${dataDirectory}.password`);

    await expect(
      EmbeddedPostgresServer.start({
        dataDirectory,
        port: await findFreePort(),
      }),
    ).rejects.toThrow(
      `The embedded PostgreSQL cluster in ${dataDirectory} has no admin password file ${dataDirectory}.password`,
    );
  });

  it('deletes a throwaway server when it stops', async () => {
    const throwaway = join(folder, 'throwaway');
    const server = await EmbeddedPostgresServer.start({
      dataDirectory: join(throwaway, 'data'),
      port: await findFreePort(),
      removeOnStop: throwaway,
    });
    expect(existsSync(throwaway)).toBe(true);
    await server.stop();
    expect(existsSync(throwaway)).toBe(false);
  });

  it('stops the server when the process that started it dies', async () => {
    const throwaway = join(folder, 'orphan');
    const launcher = resolvePackagePath(
      '@paved/plugin-environments-backend-module-postgres',
      'launcher/embedded-postgres.mjs',
    );
    const options = JSON.stringify({
      dataDirectory: join(throwaway, 'data'),
      port: await findFreePort(),
      password: 'secret',
      initialise: true,
      postgresFlags: [],
      removeOnStop: throwaway,
    });
    // A stand-in for a backend: starts the launcher, reports the server's pid, waits.
    const parentScript = `
      const child = require('node:child_process').spawn(process.execPath, [${JSON.stringify(
        launcher,
      )}], { stdio: ['pipe', 'pipe', 'inherit'] });
      child.stdin.write(${JSON.stringify(options)} + '\\n');
      require('node:readline').createInterface({ input: child.stdout }).on('line', line => {
        const message = JSON.parse(line);
        if (message.type !== 'log') console.log(line);
      });`;
    const parent = spawn(process.execPath, ['-e', parentScript], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout.on('data', chunk => {
        const message = JSON.parse(String(chunk).split('\n')[0]);
        if (message.type === 'ready') {
          resolve(message.pid);
        } else {
          reject(new Error(message.message));
        }
      });
    });
    expect(isRunning(pid)).toBe(true);

    parent.kill('SIGKILL');
    for (let i = 0; i < 100 && (isRunning(pid) || existsSync(throwaway)); i++) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(throwaway)).toBe(false);
  });
});
