#!/usr/bin/env node
// @ts-check
/*
 * The adoption test (npm test -- adopt): Paved as a platform team installs it.
 *   1. pack every publishable package as it would be published;
 *   2. take an app @backstage/create-app generated for the oldest supported Backstage
 *      release (generated and installed once, then kept in the cache, below);
 *   3. follow each package README's marked install steps in it, with the tarballs;
 *   4. build its front end and start its backend on free ports;
 *   5. check through the API and in Chromium (e2e-adopt/), then stop everything.
 * Logs and the screenshot go to e2e-test-results/adopt/.
 *
 * The cache (the installed app, its package cache, the tarballs) is kept outside the
 * checkout, in PAVED_ADOPT_CACHE or <tmp>/paved-adopt-<uid>, so a fresh clone on the same
 * machine (CI's) reuses it; everything in it is rebuilt when missing or out of date. Not
 * under the home folder: as root, the embedded PostgreSQL server runs as the postgres user,
 * who cannot enter /root.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureBaseline, resetApp } = require('./lib/adoptApp');
const { applyReadmes } = require('./lib/adoptApply');
const { CORE, lockVersions, secondCopies } = require('./lib/adoptLock');
const { packAll } = require('./lib/adoptPack');
const { buildFrontend, startBackend } = require('./lib/adoptServe');
const { ensureChromium } = require('./lib/system');
const { ensureNode, toolchainEnv } = require('./lib/toolchain');
const { root, run } = require('./lib/util');

const cacheDir = path.resolve(
  process.env.PAVED_ADOPT_CACHE ||
    path.join(os.tmpdir(), `paved-adopt-${process.getuid?.() ?? 'user'}`),
);
const results = path.join(root, 'e2e-test-results', 'adopt');
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const say = message =>
  process.stdout.write(`[adopt ${elapsed()}] ${message}\n`);

async function main() {
  const toolchain = ensureNode();
  const env = toolchainEnv(toolchain);
  fs.rmSync(results, { recursive: true, force: true });
  fs.mkdirSync(results, { recursive: true });
  const log = path.join(results, 'adopt.log');
  const { oldest } = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  ).paved.backstageRange;
  const yarnRelease = path.join(root, '.yarn', 'releases', 'yarn-4.13.0.cjs');

  const packages = await packAll({
    cacheDir,
    env,
    node: toolchain.node,
    yarnRelease,
    log,
    say,
  });
  const { paths, env: appEnv } = await ensureBaseline({
    cacheDir,
    env,
    node: toolchain.node,
    oldest,
    log,
    say,
  });
  resetApp(paths);
  const before = lockVersions(paths.app);
  const origins = await applyReadmes({
    app: paths.app,
    packages,
    env: appEnv,
    log,
    say,
  });

  const after = lockVersions(paths.app);
  const copies = secondCopies(before, after);
  if (copies.length)
    throw new Error(
      `Paved brings a second copy of Backstage packages the app has:\n  ${copies.join(
        '\n  ',
      )}`,
    );
  say(
    `one copy each: ${CORE.map(
      name => `${name} ${(after[name] ?? ['(none)']).join(', ')}`,
    ).join('; ')}`,
  );

  await buildFrontend({
    app: paths.app,
    stampFile: path.join(paths.base, 'frontend.hash'),
    env: appEnv,
    log,
    say,
  });
  const backend = await startBackend({
    app: paths.app,
    env: appEnv,
    log: path.join(results, 'backend.log'),
    say,
    origins,
  });
  try {
    say('checking through the API and in Chromium (e2e-adopt/adopt.test.ts)');
    const chromium = process.env.CHROMIUM_PATH || ensureChromium();
    if (!chromium)
      throw new Error(
        'the checks need Chromium and none was found: set CHROMIUM_PATH',
      );
    const code = await run(
      toolchain.node,
      [
        path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'),
        'test',
        '--config',
        'e2e-adopt/playwright.config.ts',
      ],
      {
        env: {
          ...env,
          ADOPT_BASE_URL: backend.baseUrl,
          CHROMIUM_PATH: chromium,
        },
      },
    );
    if (code !== 0)
      throw new Error(
        `the checks failed (above); the backend's log is ${path.relative(
          root,
          results,
        )}/backend.log`,
      );
  } finally {
    await backend.stop();
  }
}

// Interrupted, it still stops the app it started (startGroup's exit hook).
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => process.exit(130));

main().then(
  () => say(`passed in ${elapsed()}`),
  error => {
    process.stderr.write(`[adopt ${elapsed()}] FAILED: ${error.message}\n`);
    process.stderr.write(
      `[adopt] every command's output: ${path.relative(
        root,
        path.join(results, 'adopt.log'),
      )}\n`,
    );
    process.exitCode = 1;
  },
);
