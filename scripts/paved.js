#!/usr/bin/env node
// @ts-check
/*
 * The README's two commands:
 *   npm start   installs what is missing, then runs the portal on the embedded default
 *   npm test    installs what is missing, then type-check, lint, unit/integration, browser
 *
 *   npm start -- --config app-config.yaml --config app-config.production.yaml
 *                          passes the flags on to `backstage-cli repo start`
 *   npm test -- unit e2e   runs only the named steps (scripts, tsc, lint, unit, e2e, api, adopt)
 */
const { ensureDependencies, yarn } = require('./lib/install');
const { ensureChromium, ensureMkdocs } = require('./lib/system');
const { checkPrerequisites, ensureNode, toolchainEnv } = require('./lib/toolchain');
const { fail, log, resolveConfigPaths } = require('./lib/util');

const TEST_STEPS = {
  scripts: ['test:scripts'],
  tsc: ['tsc'],
  lint: ['lint:all'],
  unit: ['test:unit'],
  e2e: ['test:e2e'],
  // After tsc: the API reports are read from the declarations it writes to dist-types.
  api: ['test:api'],
  // Paved packed, installed from its READMEs into a new Backstage app, started and checked.
  adopt: ['test:adopt'],
};

async function prepare() {
  checkPrerequisites();
  const toolchain = ensureNode();
  const env = toolchainEnv(toolchain);
  await ensureDependencies(toolchain, env);
  return { toolchain, env };
}

async function start(args) {
  const { toolchain, env } = await prepare();
  ensureMkdocs();
  log('starting the portal: http://localhost:3000 (backend http://localhost:7007); Ctrl-C stops it');
  process.exitCode = await yarn(toolchain, env, ['run', 'portal', ...resolveConfigPaths(args)]);
}

async function test(requested) {
  const unknown = requested.filter(step => !(step in TEST_STEPS));
  if (unknown.length) fail(`unknown test step ${unknown.join(', ')}; choose from ${Object.keys(TEST_STEPS).join(', ')}`);
  const steps = requested.length ? requested : Object.keys(TEST_STEPS);

  const { toolchain, env } = await prepare();
  // The scripts step builds the guidelines with mkdocs --strict; e2e reads a TechDocs page.
  if ((steps.includes('scripts') || steps.includes('e2e')) && !ensureMkdocs()) {
    fail('the tests build TechDocs pages, so they need mkdocs (see the line above)');
  }
  if (steps.includes('e2e') || steps.includes('adopt')) {
    const chromium = ensureChromium();
    if (!chromium) {
      fail(
        'the browser tests need Chromium and none was found: install it (`sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary',
      );
    }
    env.CHROMIUM_PATH = chromium;
  }

  const results = [];
  for (const step of steps) {
    log(`test step: ${step}`);
    const started = Date.now();
    const code = await yarn(toolchain, env, ['run', ...TEST_STEPS[step]]);
    results.push({ step, code, seconds: Math.round((Date.now() - started) / 1000) });
  }
  for (const r of results) log(`${r.code === 0 ? 'ok    ' : 'FAILED'} ${r.step} (${r.seconds} s)`);
  process.exitCode = results.some(r => r.code !== 0) ? 1 : 0;
}

const [command, ...rest] = process.argv.slice(2);
const commands = { start: () => start(rest), test: () => test(rest) };
if (!(command in commands)) fail(`usage: node scripts/paved.js start | test [${Object.keys(TEST_STEPS).join(' ')}]`);
commands[command]().catch(error => fail(error.stack || String(error)));
