// @ts-check
/*
 * Runs the adopter's app as its README says (`yarn start`'s backend half) on ports of its
 * own: the built front end is served by the backend's app plugin, so one port carries
 * both, and the embedded PostgreSQL server the READMEs configure gets a free port too.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { stripVTControlCharacters } = require('node:util');
const YAML = require('yaml');
const {
  freePort,
  runLogged,
  startGroup,
  tail,
  waitForUrl,
} = require('./adoptProcess');

const OVERRIDE = 'app-config.adopt.yaml';

/** What the built front end is made of: the packages installed and the app's own files. */
function frontendInputs(app) {
  const hash = crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(app, 'yarn.lock')));
  const walk = rel => {
    for (const name of fs.readdirSync(path.join(app, rel)).sort()) {
      const child = `${rel}/${name}`;
      if (name === 'node_modules' || name === 'dist') continue;
      if (fs.statSync(path.join(app, child)).isDirectory()) walk(child);
      else
        hash
          .update(`${child}\n`)
          .update(fs.readFileSync(path.join(app, child)));
    }
  };
  walk('packages/app');
  return hash.digest('hex');
}

/** Builds packages/app unless the same inputs built the dist there. */
async function buildFrontend({ app, stampFile, env, log, say }) {
  const inputs = frontendInputs(app);
  const dist = path.join(app, 'packages', 'app', 'dist', 'index.html');
  if (
    fs.existsSync(dist) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8').trim() === inputs
  ) {
    say('front end unchanged since its last build: kept');
    return;
  }
  say('building the front end (yarn --cwd packages/app build)');
  fs.rmSync(stampFile, { force: true });
  const built = await runLogged('yarn', ['--cwd', 'packages/app', 'build'], {
    cwd: app,
    env,
    log,
  });
  if (built.code !== 0)
    throw new Error(
      `the app's front end does not build with Paved installed:\n${tail(
        built.output,
      )}`,
    );
  fs.writeFileSync(stampFile, `${inputs}\n`);
}

/** Ports of its own, written beside app-config.yaml so the README's config stays as merged. */
async function writePorts(app) {
  const [port, postgresPort] = [await freePort(), await freePort()];
  const baseUrl = `http://localhost:${port}`;
  const merged = YAML.parse(
    fs.readFileSync(path.join(app, 'app-config.yaml'), 'utf8'),
  );
  const targets = merged?.environments?.providers?.postgres?.targets ?? {};
  const embedded = Object.fromEntries(
    Object.entries(targets)
      .filter(
        ([, target]) =>
          target && typeof target === 'object' && 'embedded' in target,
      )
      .map(([name]) => [name, { embedded: { port: postgresPort } }]),
  );
  const override = {
    app: { baseUrl },
    backend: { baseUrl, listen: { port }, cors: { origin: baseUrl } },
    ...(Object.keys(embedded).length
      ? { environments: { providers: { postgres: { targets: embedded } } } }
      : {}),
  };
  fs.writeFileSync(path.join(app, OVERRIDE), YAML.stringify(override));
  return { baseUrl, postgresPort, embeddedTargets: Object.keys(embedded) };
}

/**
 * @param {{ app: string, env: NodeJS.ProcessEnv, log: string, say: (m: string) => void, origins: Record<string, string[]> }} options
 */
async function startBackend({ app, env, log, say, origins }) {
  const { baseUrl, postgresPort, embeddedTargets } = await writePorts(app);
  say(
    `starting the backend at ${baseUrl} (embedded PostgreSQL target ${
      embeddedTargets.join(', ') || '(none configured)'
    } on port ${postgresPort})`,
  );
  const server = startGroup(
    'yarn',
    [
      '--cwd',
      'packages/backend',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      `../../${OVERRIDE}`,
    ],
    {
      cwd: app,
      env,
      log,
    },
  );
  const outcome = await waitForUrl(
    `${baseUrl}/.backstage/health/v1/readiness`,
    server.child,
    240_000,
    // A plugin that fails to start leaves the process up, not ready, until it is stopped.
    () => fs.readFileSync(log, 'utf8').includes('Backend startup failed'),
  );
  if (outcome !== 'ready') {
    await server.stop();
    const text = errorLines(fs.readFileSync(log, 'utf8'));
    const named = Object.entries(origins)
      .filter(([name]) => text.includes(name))
      .flatMap(([, where]) => where);
    throw new Error(
      `the backend ${
        {
          exited: 'stopped',
          failed: 'failed to start',
          timeout: 'was not ready within 4 minutes',
        }[outcome]
      } after the README install steps` +
        `${
          named.length
            ? ` (the log names what ${[...new Set(named)].join(
                ', ',
              )} installed)`
            : ''
        }; its log ends:\n${text}`,
    );
  }
  return { baseUrl, stop: server.stop };
}

/** The log's error lines (without colours), or its end when none says error. */
function errorLines(log) {
  const plain = stripVTControlCharacters(log);
  const errors = plain.split('\n').filter(line => / error /.test(line));
  return errors.length ? errors.slice(-20).join('\n') : tail(plain, 40);
}

module.exports = { buildFrontend, startBackend };
