// @ts-check
/*
 * System programs the portal uses but npm cannot provide: mkdocs (TechDocs generation) and
 * Chromium (the browser tests). Installed with apt where we may (root on Debian/Ubuntu);
 * elsewhere we say in one line how to get them.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { commandExists, isRoot, log } = require('./util');

let aptUpdated = false;

function aptInstall(packages) {
  if (!isRoot() || !commandExists('apt-get')) return false;
  /** @type {import('node:child_process').SpawnSyncOptions} */
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  if (!aptUpdated) {
    if (spawnSync('apt-get', ['update', '-qq'], quiet).status !== 0) return false;
    aptUpdated = true;
  }
  return spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], quiet).status === 0;
}

/**
 * TechDocs runs `mkdocs build` locally. The techdocs-core plugin comes from PyPI, which is
 * not always reachable, so the portal is configured to work with plain mkdocs + the
 * material theme (Debian packages `mkdocs` and `mkdocs-material`).
 * @returns {boolean} whether mkdocs is available
 */
function ensureMkdocs() {
  if (mkdocsReady()) return true;
  log('TechDocs needs mkdocs with the material theme; installing it with apt');
  if (aptInstall(['mkdocs', 'mkdocs-material', 'python3-pymdownx']) && mkdocsReady()) return true;
  log(
    'TechDocs is off: mkdocs is missing (install `mkdocs` and `mkdocs-material` with apt, or `pip install mkdocs-techdocs-core`); the rest of the portal works',
  );
  return false;
}

/** Builds a one-page site with the material theme: the only check that covers both. */
function mkdocsReady() {
  if (!commandExists('mkdocs')) return false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-mkdocs-'));
  try {
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs', 'index.md'), '# probe\n');
    fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: probe\ntheme:\n  name: material\n');
    return spawnSync('mkdocs', ['build', '-q', '-d', path.join(dir, 'site')], { cwd: dir, stdio: 'ignore' }).status === 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {string | undefined} path of a Chromium the browser tests can drive */
function findChromium() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CHROMIUM_CANDIDATES.find(candidate => fs.existsSync(candidate));
}

/** @returns {string | undefined} */
function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  log('the browser tests need Chromium; installing it with apt');
  aptInstall(['chromium']);
  return findChromium();
}

module.exports = { ensureMkdocs, ensureChromium };
