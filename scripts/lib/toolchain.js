// @ts-check
/*
 * Finds or installs the Node.js the portal runs on, without anything global.
 *
 * Backstage wants Node 22 (Node 24 crashes inside better-sqlite3 on these machines, see
 * TOOLCHAIN.md). The machine's Node is used when it is 22.x and ships its headers; otherwise
 * the official build is taken from the npm registry (`node-<platform>-<arch>`), which carries
 * both `bin/node` and `include/node`, so native modules build against the Node that runs them.
 *
 * Plain CommonJS with no dependencies: it runs under whatever Node started `npm start`.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { fail, log, root, commandExists } = require('./util');

/** The exact Node 22 LTS release the portal is tested with. */
const NODE_VERSION = '22.23.3';
const TOOLCHAIN_DIR = path.join(root, '.toolchain');

/** One line per missing prerequisite, with the way to get it. */
const PREREQUISITES = [
  { command: 'python3', why: 'node-gyp builds native modules with it', apt: 'python3', brew: 'python' },
  { command: 'make', why: 'native modules are built with it', apt: 'make', brew: 'make' },
  { command: 'g++', why: 'native modules (better-sqlite3) are compiled with it', apt: 'g++', brew: null },
];

function checkPrerequisites() {
  for (const p of PREREQUISITES) {
    if (!commandExists(p.command)) {
      const how =
        process.platform === 'darwin'
          ? p.brew
            ? `brew install ${p.brew}`
            : 'xcode-select --install'
          : `sudo apt-get install -y ${p.apt}`;
      fail(`${p.command} is missing (${p.why}); install it with: ${how}`);
    }
  }
}

/** Headers live in <prefix>/include/node beside <prefix>/bin/node in official builds. */
function headersBeside(nodeBinary) {
  const prefix = path.resolve(path.dirname(nodeBinary), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function registryPackageName() {
  const platform = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (!platform || !arch) {
    fail(`no Node 22 build for ${process.platform}/${process.arch}; install Node 22 yourself and run again`);
  }
  return `node-${platform}-${arch}`;
}

function installNodeFromRegistry(target) {
  const pkg = `${registryPackageName()}@${NODE_VERSION}`;
  log(`installing Node ${NODE_VERSION} from the npm registry (${pkg}) into .toolchain/`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-node-'));
  try {
    const out = execFileSync('npm', ['pack', pkg, '--pack-destination', tmp, '--silent'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const tarball = path.join(tmp, out.trim().split('\n').pop() || '');
    const staging = `${target}.partial`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', staging, '--strip-components=1'], { stdio: 'inherit' });
    // Rename last, so an interrupted download never looks like a usable toolchain.
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  } catch (error) {
    fail(`could not install Node ${NODE_VERSION} from the npm registry: ${error.message}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * @returns {{ node: string, nodeDir: string, binDir: string, version: string }}
 *   the node binary to run everything with and the folder holding its headers.
 */
function ensureNode() {
  const major = Number(process.versions.node.split('.')[0]);
  const machineHeaders = headersBeside(process.execPath);
  if (major === 22 && machineHeaders) {
    return {
      node: process.execPath,
      nodeDir: machineHeaders,
      binDir: path.dirname(process.execPath),
      version: process.versions.node,
    };
  }
  const target = path.join(TOOLCHAIN_DIR, `node-${NODE_VERSION}`);
  const node = path.join(target, 'bin', 'node');
  if (!fs.existsSync(node) || !headersBeside(node)) {
    installNodeFromRegistry(target);
  }
  return { node, nodeDir: target, binDir: path.dirname(node), version: NODE_VERSION };
}

/**
 * The environment every child process runs in: our Node first on PATH, and native builds
 * pointed at its headers. npm exports the user's npmrc to scripts as npm_config_*, and a
 * machine-wide `nodedir` there (Node 20's headers here) would build modules that crash.
 */
function toolchainEnv(toolchain) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_nodedir$/i.test(key)) delete env[key];
  }
  return {
    ...env,
    PATH: `${toolchain.binDir}${path.delimiter}${env.PATH ?? ''}`,
    npm_config_nodedir: toolchain.nodeDir,
    // prebuilt-binary downloads are unreachable here; build from source without trying.
    npm_config_build_from_source: 'true',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: '0',
  };
}

module.exports = { NODE_VERSION, checkPrerequisites, ensureNode, toolchainEnv };
