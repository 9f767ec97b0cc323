// @ts-check
/*
 * Every publishable package packed as `npm publish` would upload it: `backstage-cli package
 * build`, then `yarn pack` through the workspace, whose prepack/postpack rewrite the
 * manifest for publishing and whose packing turns `workspace:^` into real ranges.
 *
 * A tarball is kept while nothing it is made from has changed (the package's own files,
 * the lockfile, the root manifest and tsconfig): its name carries that hash, so the app
 * never mistakes an old tarball for a new one in its package cache.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./util');
const { runLogged, tail } = require('./adoptProcess');

const SHARED_INPUTS = ['package.json', 'yarn.lock', 'tsconfig.json'];
const SKIPPED = new Set(['node_modules', 'dist', 'dist-types', 'coverage']);

/** @typedef {{ dir: string, name: string, role: string, readme: string, tarball: string }} Packed */

/** The packages plugins/* publishes (not private), with their Backstage role. */
function publishablePackages() {
  return fs
    .readdirSync(path.join(root, 'plugins'))
    .sort()
    .map(dir => ({
      dir,
      manifest: path.join(root, 'plugins', dir, 'package.json'),
    }))
    .filter(({ manifest }) => fs.existsSync(manifest))
    .map(({ dir, manifest }) => ({
      dir,
      pkg: JSON.parse(fs.readFileSync(manifest, 'utf8')),
    }))
    .filter(({ pkg }) => !pkg.private)
    .map(({ dir, pkg }) => ({
      dir,
      name: pkg.name,
      role: pkg.backstage?.role ?? '',
    }));
}

function hashInputs(dir) {
  const hash = crypto.createHash('sha256');
  for (const file of SHARED_INPUTS)
    hash.update(`${file}\n`).update(fs.readFileSync(path.join(root, file)));
  const walk = rel => {
    for (const entry of fs
      .readdirSync(path.join(root, rel), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (SKIPPED.has(entry.name)) continue;
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile())
        hash
          .update(`${child}\n`)
          .update(fs.readFileSync(path.join(root, child)));
    }
  };
  walk(`plugins/${dir}`);
  return hash.digest('hex').slice(0, 12);
}

/**
 * @param {{ cacheDir: string, env: NodeJS.ProcessEnv, node: string, yarnRelease: string, log: string, say: (m: string) => void }} options
 * @returns {Promise<Packed[]>}
 */
async function packAll({ cacheDir, env, node, yarnRelease, log, say }) {
  const packsDir = path.join(cacheDir, 'packs');
  fs.mkdirSync(packsDir, { recursive: true });
  const packages = publishablePackages().map(p => {
    const tarball = path.join(packsDir, `${p.dir}-${hashInputs(p.dir)}.tgz`);
    return { ...p, readme: `plugins/${p.dir}/README.md`, tarball };
  });
  const stale = packages.filter(p => !fs.existsSync(p.tarball));
  say(
    `${packages.length} publishable packages; ${
      stale.length
        ? `packing ${stale.map(p => p.dir).join(', ')}`
        : 'all unchanged since their last pack'
    }`,
  );
  if (!stale.length) return packages;

  // The builds read the declarations tsc writes to dist-types. PAVED_YARN_LOCK: a lock file
  // that engineers sharing one checkout take around every yarn run.
  const lock = process.env.PAVED_YARN_LOCK;
  const yarn = args =>
    lock
      ? runLogged('flock', [lock, node, yarnRelease, ...args], {
          cwd: root,
          env,
          log,
        })
      : runLogged(node, [yarnRelease, ...args], { cwd: root, env, log });
  const tsc = await yarn(['tsc']);
  if (tsc.code !== 0)
    throw new Error(
      `the packages do not type-check, so they cannot be built:\n${tail(
        tsc.output,
      )}`,
    );
  for (const p of stale) {
    const cwd = path.join(root, 'plugins', p.dir);
    const built = await runLogged(
      node,
      [yarnRelease, 'backstage-cli', 'package', 'build'],
      { cwd, env, log },
    );
    if (built.code !== 0)
      throw new Error(
        `plugins/${p.dir}: backstage-cli package build failed:\n${tail(
          built.output,
        )}`,
      );
    const partial = `${p.tarball}.partial`;
    const packed = await yarn(['workspace', p.name, 'pack', '--out', partial]);
    if (packed.code !== 0)
      throw new Error(
        `plugins/${p.dir}: yarn pack failed:\n${tail(packed.output)}`,
      );
    for (const old of fs.readdirSync(packsDir)) {
      if (
        old.startsWith(`${p.dir}-`) &&
        /^[0-9a-f]{12}\.tgz$/.test(old.slice(p.dir.length + 1))
      ) {
        fs.rmSync(path.join(packsDir, old));
      }
    }
    fs.renameSync(partial, p.tarball);
  }
  return packages;
}

module.exports = { packAll, publishablePackages };
