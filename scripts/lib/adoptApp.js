// @ts-check
/*
 * The adopter's app: what `@backstage/create-app` generates for the oldest Backstage
 * release Paved supports, installed once and kept (keyed by the create-app version) with its
 * node_modules and Yarn cache. Every run starts from that installed state, with none of
 * Paved in it, so each run adds Paved afresh.
 */
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./util');
const { runLogged, tail } = require('./adoptProcess');

/** Generates Backstage 1.55.0 (its backstage.json), the oldest release of Paved's range. */
const CREATE_APP_VERSION = '0.9.2';
const APP_NAME = 'adopter';

/** Kept between runs: installed packages, the package cache, and the built front end. */
const KEPT = ['.yarn/cache', '.yarn/install-state.gz', 'packages/app/dist'];
const kept = rel =>
  rel.split('/').includes('node_modules') || KEPT.includes(rel);

function appPaths(cacheDir) {
  const base = path.join(cacheDir, `create-app-${CREATE_APP_VERSION}`);
  return {
    base,
    app: path.join(base, 'app'),
    baseline: path.join(base, 'baseline'),
    stamp: path.join(base, 'baseline.json'),
    bin: path.join(base, 'bin'),
    yarnCache: path.join(base, 'yarn-cache'),
  };
}

/** The environment of every command run in the app: its own yarn, its own package cache. */
function appEnv(env, paths) {
  return {
    ...env,
    PATH: `${paths.bin}${path.delimiter}${env.PATH ?? ''}`,
    YARN_ENABLE_GLOBAL_CACHE: 'false',
    YARN_CACHE_FOLDER: paths.yarnCache,
    // Yarn refuses to change a lockfile on CI; adding packages is the point here.
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    BACKSTAGE_APP_NAME: APP_NAME,
  };
}

/** `yarn` on PATH, as an adopter has it: the app's own release once there is an app. */
function writeYarnShim(paths, node) {
  const appRelease = (() => {
    const rc = path.join(paths.app, '.yarnrc.yml');
    const match =
      fs.existsSync(rc) &&
      /^yarnPath:\s*(.+)$/m.exec(fs.readFileSync(rc, 'utf8'));
    return match ? path.join(paths.app, match[1].trim()) : undefined;
  })();
  const release =
    appRelease ?? path.join(root, '.yarn', 'releases', 'yarn-4.13.0.cjs');
  fs.mkdirSync(paths.bin, { recursive: true });
  fs.writeFileSync(
    path.join(paths.bin, 'yarn'),
    `#!/bin/sh\nexec "${node}" "${release}" "$@"\n`,
    { mode: 0o755 },
  );
}

/**
 * create-app fetches a seed yarn.lock from GitHub that holds a new app on its release; where
 * GitHub is out of reach (here) the carets it writes pull in newer releases' plugins that the
 * release's backend cannot start. Resolutions to exactly the versions it wrote stand in for
 * the seed. @returns {number} how many packages were pinned
 */
function pinToRelease(app) {
  const pins = {};
  for (const manifest of [
    'package.json',
    'packages/app/package.json',
    'packages/backend/package.json',
  ]) {
    const pkg = JSON.parse(fs.readFileSync(path.join(app, manifest), 'utf8'));
    for (const deps of [pkg.dependencies, pkg.devDependencies]) {
      for (const [name, range] of Object.entries(deps ?? {})) {
        if (name.startsWith('@backstage/') && /^\^\d/.test(String(range)))
          pins[name] = String(range).slice(1);
      }
    }
  }
  const file = path.join(app, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  pkg.resolutions = { ...pkg.resolutions, ...pins };
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  return Object.keys(pins).length;
}

/**
 * Generates and installs the app unless a finished one is kept.
 * @param {{ cacheDir: string, env: NodeJS.ProcessEnv, node: string, oldest: string, log: string, say: (m: string) => void }} options
 */
async function ensureBaseline({ cacheDir, env, node, oldest, log, say }) {
  const paths = appPaths(cacheDir);
  const runEnv = appEnv(env, paths);
  if (
    fs.existsSync(paths.stamp) &&
    fs.existsSync(path.join(paths.app, 'node_modules'))
  ) {
    writeYarnShim(paths, node);
    say(
      `the app of @backstage/create-app ${CREATE_APP_VERSION} is installed already (${paths.app})`,
    );
    return { paths, env: runEnv };
  }
  say(
    `generating an app with @backstage/create-app ${CREATE_APP_VERSION} and installing it (first run: several minutes)`,
  );
  for (const dir of [paths.app, paths.baseline, paths.stamp])
    fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(paths.base, { recursive: true });
  writeYarnShim(paths, node);
  const created = await runLogged(
    'npm',
    [
      'exec',
      '--yes',
      `--package=@backstage/create-app@${CREATE_APP_VERSION}`,
      '--',
      'backstage-create-app',
      '--skip-install',
      '--path',
      'app',
    ],
    { cwd: paths.base, env: runEnv, log },
  );
  if (created.code !== 0)
    throw new Error(
      `@backstage/create-app ${CREATE_APP_VERSION} failed:\n${tail(
        created.output,
      )}`,
    );
  const release = JSON.parse(
    fs.readFileSync(path.join(paths.app, 'backstage.json'), 'utf8'),
  ).version;
  if (release !== oldest) {
    throw new Error(
      `@backstage/create-app ${CREATE_APP_VERSION} generates Backstage ${release}, but the oldest release Paved supports is ${oldest} (package.json paved.backstageRange): pin the create-app version that generates ${oldest} in scripts/lib/adoptApp.js`,
    );
  }
  say(
    `pinned ${pinToRelease(
      paths.app,
    )} Backstage packages to the versions create-app wrote for ${release}`,
  );
  writeYarnShim(paths, node);
  const installed = await runLogged('yarn', ['install'], {
    cwd: paths.app,
    env: runEnv,
    log,
  });
  if (installed.code !== 0)
    throw new Error(
      `yarn install of the generated app failed:\n${tail(installed.output)}`,
    );
  fs.cpSync(paths.app, paths.baseline, {
    recursive: true,
    filter: src => !kept(path.relative(paths.app, src)),
  });
  fs.writeFileSync(
    paths.stamp,
    `${JSON.stringify({ createApp: CREATE_APP_VERSION, release }, null, 2)}\n`,
  );
  return { paths, env: runEnv };
}

/** Back to the installed app as generated: Paved's changes go, node_modules stays. */
function resetApp(paths) {
  // The folders that hold something kept: .yarn/cache, packages/<name>/node_modules and dist.
  const holdsKept = rel =>
    rel === '.yarn' || rel === 'packages' || /^packages\/[^/]+$/.test(rel);
  const clear = rel => {
    for (const entry of fs.readdirSync(path.join(paths.app, rel), {
      withFileTypes: true,
    })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (kept(child)) continue;
      if (entry.isDirectory() && holdsKept(child)) clear(child);
      else
        fs.rmSync(path.join(paths.app, child), {
          recursive: true,
          force: true,
        });
    }
  };
  clear('');
  fs.cpSync(paths.baseline, paths.app, { recursive: true });
}

module.exports = { CREATE_APP_VERSION, appPaths, ensureBaseline, resetApp };
