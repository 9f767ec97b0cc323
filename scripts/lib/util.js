// @ts-check
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');

function log(message) {
  process.stdout.write(`[paved] ${message}\n`);
}

/** Stops set-up with one line that says what is wrong and what to do. */
function fail(message) {
  process.stderr.write(`[paved] ${message}\n`);
  process.exit(1);
}

function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs a command to completion, forwarding Ctrl-C to it (and its process group) so that
 * nothing is left behind. Resolves with the exit code.
 * @returns {Promise<number>}
 */
function run(command, args, options = {}) {
  return new Promise(resolve => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: root, ...options });
    const forward = signal => () => {
      if (!child.killed) child.kill(signal);
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal ? 128 + 2 : 1));
    });
    child.on('error', error => {
      process.stderr.write(`[paved] could not run ${command}: ${error.message}\n`);
      resolve(127);
    });
  });
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** `repo start` reads --config paths relative to each package; users mean the repo root. */
function resolveConfigPaths(args) {
  return args.map((arg, i) => (args[i - 1] === '--config' ? path.resolve(root, arg) : arg));
}

module.exports = { root, log, fail, commandExists, run, isRoot, resolveConfigPaths };
