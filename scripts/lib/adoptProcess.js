// @ts-check
/*
 * Processes of the adoption test: commands whose output goes to a log file (yarn's warnings
 * about the generated app would bury what matters), a background server in a process group
 * of its own so that stopping it stops everything it started, and free ports.
 */
const fs = require('node:fs');
const net = require('node:net');
const { spawn } = require('node:child_process');

/**
 * Runs a command to completion, its output appended to `log`.
 * @returns {Promise<{ code: number, output: string }>} output: what it printed this time
 */
function runLogged(command, args, { cwd, env, log }) {
  return new Promise(resolve => {
    fs.appendFileSync(
      log,
      `\n$ ${[command, ...args].join(' ')}   (in ${cwd})\n`,
    );
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = chunk => {
      output += chunk;
      fs.appendFileSync(log, chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', error =>
      resolve({ code: 127, output: `${output}\n${error.message}` }),
    );
    child.on('close', code => resolve({ code: code ?? 1, output }));
  });
}

/** The last lines of a text, for a failure message. */
function tail(text, lines = 25) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Starts a long-running command as the leader of a new process group, output to `log`.
 * @returns {{ child: import('node:child_process').ChildProcess, stop: () => Promise<void> }}
 */
function startGroup(command, args, { cwd, env, log }) {
  const out = fs.openSync(log, 'a');
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited = child.exitCode !== null;
  child.on('exit', () => {
    exited = true;
  });
  const signal = sig => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // the group is gone already
    }
  };
  // Whatever ends this script, the server goes with it.
  const onExit = () => signal('SIGKILL');
  process.on('exit', onExit);
  const stop = async () => {
    process.off('exit', onExit);
    signal('SIGTERM');
    // The backend shuts down its plugins (and the embedded PostgreSQL server) on SIGTERM.
    for (let i = 0; i < 100 && !(exited && !groupAlive(child.pid)); i++)
      await sleep(200);
    signal('SIGKILL');
  };
  return { child, stop };
}

function groupAlive(pid) {
  try {
    if (pid) process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** @returns {Promise<number>} a TCP port nothing listens on now */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

/**
 * Polls a URL until it answers 200, the process exits, `failed()` says it never will, or
 * the time is up.
 * @returns {Promise<'ready' | 'exited' | 'failed' | 'timeout'>}
 */
async function waitForUrl(url, child, timeoutMs, failed = () => false) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) return 'exited';
    if (failed()) return 'failed';
    try {
      const response = await fetch(url);
      if (response.status === 200) return 'ready';
    } catch {
      // not listening yet
    }
    await sleep(1000);
  }
  return 'timeout';
}

module.exports = { freePort, runLogged, sleep, startGroup, tail, waitForUrl };
