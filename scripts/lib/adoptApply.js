// @ts-check
/*
 * Follows every package README's marked install steps in the generated app, as written:
 * shell commands run with each Paved package name standing for its tarball (what the
 * registry would serve), statements go into the backend, YAML is merged into app-config.
 * Whatever goes wrong names the README and the line it came from.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const {
  ReadmeStepError,
  configOf,
  readSteps,
  shellCommands,
  statements,
} = require('./adoptReadme');
const { runLogged, tail } = require('./adoptProcess');

/** Roles an app installs; libraries come with them and their READMEs address plugin authors. */
const APP_ROLES = [
  'backend-plugin',
  'backend-plugin-module',
  'frontend-plugin',
];
const BACKEND_INDEX = 'packages/backend/src/index.ts';

/** @typedef {import('./adoptPack').Packed} Packed */

/**
 * The packages are not on the registry: resolutions send every range of them, the
 * packages' ranges of each other included, to the tarballs.
 */
function resolveToTarballs(app, packages) {
  const file = path.join(app, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  pkg.resolutions = { ...pkg.resolutions };
  for (const p of packages) pkg.resolutions[p.name] = `file:${p.tarball}`;
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** A command's words with each `@paved/…` name replaced by name@file:tarball. */
function substitute(command, packages, where) {
  return command.split(/\s+/).map(word => {
    const match = /^(@paved\/[a-z0-9-]+)(@.*)?$/.exec(word);
    if (!match) return word;
    const p = packages.find(candidate => candidate.name === match[1]);
    if (!p)
      throw new ReadmeStepError(
        `${where}: \`${command}\` installs ${match[1]}, which no package in plugins/ publishes`,
      );
    return `${p.name}@file:${p.tarball}`;
  });
}

/**
 * `yarn [--cwd dir] add pkg…` commands of one folder are run as one (yarn add a, then b,
 * leaves what yarn add a b leaves, in a third of the time); anything else runs as written.
 */
function planShell(steps, packages) {
  const plan = [];
  for (const step of steps) {
    for (const { command, line } of shellCommands(step)) {
      const where = `${step.readme}:${line}`;
      const words = substitute(command, packages, where);
      const add = /^yarn(?: --cwd (\S+))? add$/.exec(
        words.slice(0, words.indexOf('add') + 1).join(' '),
      );
      const names = words.slice(words.indexOf('add') + 1);
      if (add && names.length && names.every(n => !n.startsWith('-'))) {
        const cwd = add[1] ?? '.';
        let group = plan.find(g => g.kind === 'add' && g.cwd === cwd);
        if (!group)
          plan.push((group = { kind: 'add', cwd, names: [], from: [] }));
        for (const name of names)
          if (!group.names.includes(name)) group.names.push(name);
        group.from.push({ where, command, names });
      } else {
        plan.push({
          kind: 'run',
          command: words.join(' '),
          from: [{ where, command, names: [] }],
        });
      }
    }
  }
  return plan;
}

async function runShell(plan, { app, env, log, say }) {
  for (const item of plan) {
    const args =
      item.kind === 'add'
        ? ['--cwd', item.cwd, 'add', ...item.names]
        : undefined;
    say(
      `${item.from.map(f => f.where).join(', ')}: ${
        item.kind === 'add'
          ? `yarn --cwd ${item.cwd} add ${item.names.length} packages`
          : item.command
      }`,
    );
    const result = args
      ? await runLogged('yarn', args, { cwd: app, env, log })
      : await runLogged('sh', ['-c', item.command], { cwd: app, env, log });
    if (result.code !== 0) {
      const named = item.from.filter(f =>
        f.names.some(n =>
          result.output.includes(n.split('@file:')[0].replace(/@[^/]*$/, '')),
        ),
      );
      const culprits = (named.length ? named : item.from).map(
        f => `${f.where}: \`${f.command}\``,
      );
      throw new ReadmeStepError(
        `the install command of ${culprits.join(
          ' / ',
        )} failed in the generated app:\n${tail(result.output)}`,
      );
    }
  }
}

/** Adds each statement the file lacks: imports after the imports, the rest before backend.start(). */
function insertStatements(app, step) {
  const file = path.join(app, BACKEND_INDEX);
  let text = fs.readFileSync(file, 'utf8');
  const flat = s => s.replace(/\s+/g, '');
  for (const statement of statements(step)) {
    if (flat(text).includes(flat(statement))) continue;
    if (statement.startsWith('import ')) {
      const imports = [...text.matchAll(/^import .*;$/gm)];
      const at = imports.length
        ? imports[imports.length - 1].index +
          imports[imports.length - 1][0].length +
          1
        : 0;
      text = `${text.slice(0, at)}${statement}\n${text.slice(at)}`;
    } else {
      const start = /^backend\.start\(\);/m.exec(text);
      if (!start)
        throw new ReadmeStepError(
          `${step.readme}:${step.line}: ${BACKEND_INDEX} of the app has no backend.start(); to add the statements before`,
        );
      text = `${text.slice(0, start.index)}${statement}\n${text.slice(
        start.index,
      )}`;
    }
  }
  fs.writeFileSync(file, text);
}

const isMap = v => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** As an adopter pastes a block into app-config.yaml: keys merged, list items added. */
function mergeConfig(into, from) {
  if (isMap(into) && isMap(from)) {
    const out = { ...into };
    for (const [key, value] of Object.entries(from))
      out[key] = key in out ? mergeConfig(out[key], value) : value;
    return out;
  }
  if (Array.isArray(into) && Array.isArray(from))
    return [
      ...into,
      ...from.filter(item => !into.some(old => same(old, item))),
    ];
  return from;
}

function mergeIntoAppConfig(app, steps) {
  const file = path.join(app, 'app-config.yaml');
  let config = YAML.parse(fs.readFileSync(file, 'utf8'));
  for (const step of steps) config = mergeConfig(config, configOf(step));
  fs.writeFileSync(file, YAML.stringify(config, { lineWidth: 0 }));
}

/** Every plugin and module an app installs ends up in it, by some README's steps. */
function checkCoverage(app, packages) {
  const read = rel => fs.readFileSync(path.join(app, rel), 'utf8');
  const deps = rel => JSON.parse(read(rel)).dependencies ?? {};
  const index = read(BACKEND_INDEX);
  for (const p of packages.filter(candidate =>
    APP_ROLES.includes(candidate.role),
  )) {
    const frontend = p.role === 'frontend-plugin';
    const manifest = frontend
      ? 'packages/app/package.json'
      : 'packages/backend/package.json';
    if (!(p.name in deps(manifest))) {
      throw new ReadmeStepError(
        `${p.readme}: after every README's marked install steps, ${manifest} of the app still lacks ${p.name}`,
      );
    }
    if (!frontend && !index.includes(`import('${p.name}')`)) {
      throw new ReadmeStepError(
        `${p.readme}: after every README's marked install steps, ${BACKEND_INDEX} of the app still does not add ${p.name}`,
      );
    }
  }
}

/**
 * @param {{ app: string, packages: Packed[], env: NodeJS.ProcessEnv, log: string, say: (m: string) => void }} options
 * @returns {Record<string, string[]>} for each Paved package, the README lines that put it in the app
 */
async function applyReadmes({ app, packages, env, log, say }) {
  const steps = [];
  for (const p of packages) {
    const own = readSteps(p.readme);
    if (!own.length && APP_ROLES.includes(p.role)) {
      throw new ReadmeStepError(
        `${p.readme}: no install step is marked for the adoption test (<!-- adopt: … --> before a code block)`,
      );
    }
    steps.push(...own);
  }
  resolveToTarballs(app, packages);
  const plan = planShell(
    steps.filter(s => s.target === 'shell'),
    packages,
  );
  await runShell(plan, { app, env, log, say });
  for (const step of steps.filter(s => s.target === BACKEND_INDEX))
    insertStatements(app, step);
  mergeIntoAppConfig(
    app,
    steps.filter(s => s.target === 'app-config.yaml'),
  );
  checkCoverage(app, packages);

  /** @type {Record<string, string[]>} */
  const origins = {};
  for (const step of steps) {
    for (const p of packages) {
      if (step.code.includes(p.name))
        (origins[p.name] ??= []).push(`${step.readme}:${step.line}`);
    }
  }
  say(
    `applied ${steps.length} marked install steps from ${
      new Set(steps.map(s => s.readme)).size
    } READMEs`,
  );
  return origins;
}

module.exports = { APP_ROLES, applyReadmes, mergeConfig, planShell };
