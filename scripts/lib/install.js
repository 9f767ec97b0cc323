// @ts-check
/*
 * Installs the workspace's dependencies with the committed Yarn release, only when something
 * that decides the result has changed: a second `npm start` with the same lockfile installs
 * nothing and goes straight to starting.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { fail, log, root, run } = require('./util');

const STAMP = path.join(root, 'node_modules', '.paved-install-stamp');

function yarnRelease() {
  const rc = fs.readFileSync(path.join(root, '.yarnrc.yml'), 'utf8');
  const match = /^yarnPath:\s*(.+)$/m.exec(rc);
  if (!match) fail('.yarnrc.yml has no yarnPath; the Yarn release must be committed');
  return path.join(root, match[1].trim());
}

/** Every file whose change can change node_modules, plus the Node that built the addons. */
function installInputs(toolchain) {
  const files = ['yarn.lock', '.yarnrc.yml', 'package.json'];
  for (const parent of ['packages', 'plugins']) {
    const dir = path.join(root, parent);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const manifest = path.join(parent, name, 'package.json');
      if (fs.existsSync(path.join(root, manifest))) files.push(manifest);
    }
  }
  const hash = crypto.createHash('sha256');
  hash.update(`node ${toolchain.version}\n`);
  for (const file of files) {
    const full = path.join(root, file);
    hash.update(`${file}\n`);
    hash.update(fs.existsSync(full) ? fs.readFileSync(full) : '(absent)');
  }
  return hash.digest('hex');
}

/** Runs the committed Yarn with the toolchain's environment. */
function yarn(toolchain, env, args) {
  return run(toolchain.node, [yarnRelease(), ...args], { env });
}

async function ensureDependencies(toolchain, env) {
  const wanted = installInputs(toolchain);
  const have = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '';
  if (have === wanted) return;

  log('installing dependencies (first run: a few minutes; native modules build from source)');
  const started = Date.now();
  const args = ['install'];
  if (process.env.CI) args.push('--immutable');
  const code = await yarn(toolchain, env, args);
  if (code !== 0) fail(`dependency install failed (yarn exited with ${code}); see the output above`);
  fs.writeFileSync(STAMP, `${wanted}\n`);
  log(`dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

module.exports = { ensureDependencies, installInputs, yarn };
