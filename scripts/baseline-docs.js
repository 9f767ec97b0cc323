#!/usr/bin/env node
// @ts-check
/*
 * Writes the guideline page of each baseline, docs/baselines/<name>.md, from
 * app-config.yaml (environments.baselines and environments.classes), so the pages say
 * exactly what the config enforces:
 *
 *   yarn docs:baselines                          writes the pages
 *   node scripts/baseline-docs.js --check        writes nothing; exits 1 naming each page
 *                                                that differs (scripts/test runs this check)
 *
 * Inheritance (`extends`) is resolved as the backend does it
 * (plugins/environments-backend/src/config/readEnvironmentsConfig.ts): a baseline starts
 * with its parent's rules, and a rule of its own replaces the parent's rule of that id in
 * place. What the reconciler restores and which severities degrade an environment are read
 * from plugins/environments-backend/src/drift/Reconciler.ts.
 */
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./lib/util');

const CONFIG = 'app-config.yaml';
const PAGES = path.join('docs', 'baselines');
const RECONCILER = path.join('plugins', 'environments-backend', 'src', 'drift', 'Reconciler.ts');
const COMMAND = 'yarn docs:baselines';
const GENERATED = `<!-- Generated from ${CONFIG} by scripts/baseline-docs.js: do not edit. Change the config, then run \`${COMMAND}\`. -->`;

const DEGRADED = '[degraded](../environments/requesting.md#status-degraded)';
const SEVERITY = {
  blocking: `**Blocking**: a request that breaks it is refused. Found on a live environment, it turns the environment ${DEGRADED} and its owner group is notified.`,
  high: `**High**: a request that breaks it goes ahead, with a warning. Found on a live environment, it turns the environment ${DEGRADED} and its owner group is notified.`,
  low: '**Low**: reported. A request that breaks it goes ahead, with a warning; found on a live environment, it is shown as a finding on the environment\'s card, and its status does not change.',
};
const DRIFT = {
  reported: '**Reported**: a finding on the environment\'s card until the setting is right again. Nothing is changed for you.',
  restored: '**Restored**: the platform provisions the resource again, which puts the setting back (or recreates the resource), and the finding is resolved.',
  notRestorable: '**Reported**: this class restores drift, but not of this rule. A finding on the environment\'s card until someone puts it right.',
};
/** What a restore of a rule cannot put right, said after its restored line (see the provider's README). */
const RESTORE_LIMITS = {
  'postgres.owner-privileges':
    ' CREATEROLE and CREATEDB are taken away again; SUPERUSER only when the platform\'s provisioning role is a superuser itself. Otherwise that finding stays open and says what a database superuser must run.',
};

/** Reads `environments` of app-config.yaml. */
function readConfig() {
  const yaml = require(path.join(root, 'node_modules', 'yaml'));
  const config = yaml.parse(fs.readFileSync(path.join(root, CONFIG), 'utf8'));
  const environments = config?.environments;
  if (!environments?.baselines) throw new Error(`${CONFIG} has no environments.baselines`);
  return {
    currency: environments.currency ?? 'USD',
    classes: environments.classes ?? [],
    baselines: environments.baselines,
  };
}

/** The quoted strings of `const <name> = new Set([...])` in the reconciler's source. */
function reconcilerSet(name) {
  const source = fs.readFileSync(path.join(root, RECONCILER), 'utf8');
  const match = new RegExp(`const ${name} = new Set\\(\\[([^\\]]*)\\]\\)`).exec(source);
  if (!match) {
    throw new Error(
      `${RECONCILER} has no \`const ${name} = new Set([...])\`; scripts/baseline-docs.js reads it to say how drift is handled: update the script`,
    );
  }
  return new Set([...match[1].matchAll(/'([^']+)'/g)].map(m => m[1]));
}

/**
 * Each baseline's effective rules, as the backend resolves them: the parent's first, in
 * its order; a rule of its own replaces the parent's of that id in place, a new one is
 * appended. Each rule records the baseline that set it.
 * @returns {Map<string, Map<string, any>>}
 */
function resolveBaselines(raw) {
  const resolved = new Map();
  const resolve = (name, chain) => {
    const done = resolved.get(name);
    if (done) return done;
    if (chain.includes(name)) {
      throw new Error(`environments.baselines.${chain[0]}.extends: inheritance goes round in a circle (${[...chain, name].join(' -> ')})`);
    }
    const own = raw[name];
    const rules = new Map();
    if (own.extends) {
      if (!raw[own.extends]) throw new Error(`environments.baselines.${name}.extends: there is no baseline named "${own.extends}"`);
      for (const [id, rule] of resolve(own.extends, [...chain, name])) rules.set(id, rule);
    }
    for (const rule of own.rules ?? []) rules.set(rule.id, { ...rule, params: rule.params ?? {}, from: name });
    resolved.set(name, rules);
    return rules;
  };
  for (const name of Object.keys(raw)) resolve(name, []);
  return resolved;
}

const code = value => `\`${String(value)}\``;
const sentence = text => (/[.!?]$/.test(text) ? text : `${text}.`);
const list = (items, and = 'and') =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
const title = name => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * What a rule expects, with its parameters (the backend's defaults applied), in words.
 * @param {any} rule
 * @param {{ currency: string, classes: any[] }} context the classes using the baseline
 */
function expected(rule, { currency, classes }) {
  const p = rule.params;
  switch (rule.id) {
    case 'postgres.connection-limit':
      return `A connection limit between ${p.min ?? 1} and ${p.max}.`;
    case 'postgres.statement-timeout':
      return `A statement timeout that is set, of at most ${code(p.max)}.`;
    case 'postgres.owner-privileges':
      return 'An owner role without SUPERUSER, CREATEROLE or CREATEDB.';
    case 'postgres.database-owner':
      return 'The database owned by the owner role Paved created for it.';
    case 'postgres.extensions': {
      const allow = p.allow ?? [];
      return allow.length ? `Only these extensions: ${list(allow.map(code))}.` : 'No extensions.';
    }
    case 'resource.exists':
      return 'Every provisioned resource still exists on its target.';
    case 'environment.ttl': {
      const lifecycles = new Set(classes.map(c => c.lifecycle));
      if (lifecycles.size === 1 && lifecycles.has('static')) return 'No expiry: environments of this class are static.';
      if (lifecycles.size === 1 && lifecycles.has('ephemeral') && classes.every(c => c.ttl)) {
        return classes
          .map(c => `An expiry. The ${c.name} class gives ${code(c.ttl.default)} unless the request asks for another, and at most ${code(c.ttl.max)}, also when extended.`)
          .filter((text, i, all) => all.indexOf(text) === i)
          .join(' ');
      }
      return 'An expiry for environments of an ephemeral class; none for a static one.';
    }
    case 'environment.owner-is-group':
      return 'An owner written as a group reference, such as `group:default/checkout-team`.';
    case 'environment.name-pattern':
      return `A name matching the regular expression ${code(p.pattern)}.`;
    case 'environment.max-resources':
      return `At most ${p.max} ${p.max === 1 ? 'resource' : 'resources'} in an environment.`;
    case 'environment.cost-budget':
      return `An estimated monthly cost of at most ${p.max} ${currency}.`;
    default:
      throw new Error(`scripts/baseline-docs.js cannot describe rule ${rule.id}: add it to expected()`);
  }
}

/** What happens to drift from a rule in a class: reported or restored. */
function driftOf(ruleId, environmentClass, restorable) {
  if (environmentClass.drift !== 'restore') return 'reported';
  return restorable.has(ruleId) ? 'restored' : 'notRestorable';
}

/** The drift line of a rule, per class when the classes using the baseline differ. */
function driftText(ruleId, classes, restorable) {
  if (!classes.length) return 'No class uses this baseline itself, so none of its environments can drift from it.';
  const kinds = classes.map(c => driftOf(ruleId, c, restorable));
  const text = kind => DRIFT[kind] + (kind === 'restored' ? RESTORE_LIMITS[ruleId] ?? '' : '');
  if (kinds.every(kind => kind === kinds[0])) return text(kinds[0]);
  return classes.map((c, i) => `In class ${c.name}: ${text(kinds[i])}`).join('\n:   ');
}

/** The short form of a drift line, for the summary table. */
function driftWord(ruleId, classes, restorable) {
  const words = [...new Set(classes.map(c => (driftOf(ruleId, c, restorable) === 'restored' ? 'restored' : 'reported')))];
  return words.join(' or ') || '—';
}

function classLink(environmentClass) {
  const classesPage = fs.readFileSync(path.join(root, 'docs', 'environments', 'classes.md'), 'utf8');
  return classesPage.includes(`{#${environmentClass.name}}`)
    ? ` See the [${environmentClass.name} class](../environments/classes.md#${environmentClass.name}).`
    : '';
}

/** The page of one baseline. */
function page(name, { config, resolved, restorable }) {
  const own = config.baselines[name];
  const rules = resolved.get(name);
  const classes = config.classes.filter(c => c.baseline === name);
  const children = Object.keys(config.baselines).filter(child => config.baselines[child].extends === name);
  const context = { currency: config.currency, classes };
  const out = [GENERATED, '', `# ${title(name)} baseline`, ''];

  out.push(
    `The rules every environment of the ${list(classes.map(c => `**${c.name}**`)) || `**${name}**`} ${classes.length > 1 ? 'classes' : 'class'}, and every resource in it, must meet.`,
    'What a baseline is, and what each rule checks in general: [Baselines](index.md).',
    '',
  );

  out.push('What the class is for');
  if (classes.length) {
    for (const c of classes) out.push(`:   ${c.description ? sentence(c.description) : `The ${c.name} class.`}${classLink(c)}`);
  } else {
    out.push(':   No class uses this baseline itself.');
  }
  if (own.description) out.push(`    This baseline: ${sentence(own.description)}`);
  out.push('');

  out.push('What it extends');
  if (own.extends) {
    const replaced = (own.rules ?? []).filter(r => resolved.get(own.extends).has(r.id)).map(r => code(r.id));
    const added = (own.rules ?? []).filter(r => !resolved.get(own.extends).has(r.id)).map(r => code(r.id));
    out.push(
      `:   The [${own.extends} baseline](${own.extends}.md): it has all of ${own.extends}'s rules` +
        (replaced.length ? `, with its own values for ${list(replaced)}` : '') +
        (added.length ? `, and adds ${list(added)}` : '') +
        '.',
    );
  } else {
    out.push(':   Nothing: every rule below is set by this baseline.');
  }
  if (children.length) {
    out.push(`    Extended by the ${list(children.map(child => `[${child} baseline](${child}.md)`))}.`);
  }
  out.push('');

  out.push('When a live resource drifts from it');
  if (!classes.length) {
    out.push(':   No class uses this baseline itself.');
  } else {
    for (const c of classes) {
      const restored = [...rules.keys()].filter(id => driftOf(id, c, restorable) === 'restored');
      const who = classes.length > 1 ? `In class ${c.name}: ` : '';
      if (c.drift !== 'restore') {
        out.push(`:   ${who}Reported, as a finding on the environment's card. Nothing is changed for you.`);
      } else if (restored.length) {
        out.push(`:   ${who}Restored for ${list(restored.map(code))}: the platform provisions the resource again. Drift from the other rules is reported.`);
      } else {
        out.push(`:   ${who}Reported: the class restores drift, but none of these rules can be restored.`);
      }
    }
  }
  out.push('');

  out.push('## Rules', '', '| Rule | Severity | Expected | Drift |', '| --- | --- | --- | --- |');
  for (const rule of rules.values()) {
    const cell = expected(rule, context).replace(/\|/g, '\\|');
    out.push(`| [${rule.id}](#${rule.id}) | ${rule.severity} | ${cell} | ${driftWord(rule.id, classes, restorable)} |`);
  }
  out.push('');

  for (const rule of rules.values()) {
    out.push(`### ${rule.id} {#${rule.id}}`, '', sentence(rule.message), '');
    out.push('Expected', `:   ${expected(rule, context)}`, '');
    if (!SEVERITY[rule.severity]) throw new Error(`environments.baselines.${rule.from}: rule ${rule.id} has an unknown severity "${rule.severity}"`);
    out.push('Severity', `:   ${SEVERITY[rule.severity]}`, '');
    out.push('Drift', `:   ${driftText(rule.id, classes, restorable)}`, '');
    if (own.extends) {
      const parentRule = resolved.get(own.extends).get(rule.id);
      let origin;
      if (rule.from !== name) origin = `Inherited unchanged from the [${rule.from} baseline](${rule.from}.md#${rule.id}).`;
      else if (parentRule && parentRule.severity === rule.severity && JSON.stringify(parentRule.params) === JSON.stringify(rule.params)) {
        origin = `Set by this baseline, with the same values as the [${own.extends} baseline](${own.extends}.md#${rule.id}).`;
      } else if (parentRule) {
        const was = expected(parentRule, context).replace(/\.$/, '');
        origin = `Set by this baseline, replacing ${own.extends}'s: ${was.charAt(0).toLowerCase()}${was.slice(1)}, ${parentRule.severity}.`;
      } else {
        origin = `Set by this baseline; ${own.extends} does not have it.`;
      }
      out.push('Where it comes from', `:   ${origin}`, '');
    }
    const inheritors = children.filter(child => resolved.get(child).get(rule.id) === rule);
    if (inheritors.length) {
      out.push(
        'Also applies to',
        `:   ${list(inheritors.map(child => `[${child}](${child}.md#${rule.id})`))}, which ${inheritors.length === 1 ? 'extends' : 'extend'} this baseline and ${inheritors.length === 1 ? 'uses' : 'use'} this rule unchanged. What happens to drift there is on ${inheritors.length === 1 ? 'that page' : 'those pages'}.`,
        '',
      );
    }
    out.push('Explained in', `:   [${rule.id}](index.md#${rule.id}): what the rule checks, on every class, and what the portal enforces today.`, '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * docs/index.md with one row per baseline page in its "Link targets" table, listing the
 * page's rule anchors, right after the rows of baselines/index.md. Rows of baseline pages
 * are replaced; every other line is kept as it is.
 */
function linkTargets(index, { config, resolved }) {
  const lines = index.split('\n');
  const start = lines.findIndex(line => /^## Link targets\s*$/.test(line));
  if (start < 0) throw new Error('docs/index.md has no "## Link targets" section');
  const isPageRow = line => /^\| \[[^\]]*\]\(baselines\/(?!index\.md)[^)]+\.md\) \|/.test(line);
  const kept = lines.filter((line, i) => i <= start || !isPageRow(line));
  let at = -1;
  kept.forEach((line, i) => {
    if (i > start && line.startsWith('| [') && line.includes('](baselines/index.md) |')) at = i;
  });
  if (at < 0) throw new Error('the "Link targets" table of docs/index.md has no row for baselines/index.md to put the baseline pages after');
  const rows = Object.keys(config.baselines).map(name => {
    const file = `baselines/${name}.md`;
    const anchors = [...resolved.get(name).keys()].map(id => `[\`#${id}\`](${file}#${id})`).join(', ');
    const classes = config.classes.filter(c => c.baseline === name).map(c => c.name);
    // Inherited rules link to the inheriting baseline's own page (the backend repoints
    // them), so each page is the target of its own classes' findings only.
    const where = classes.length ? `on ${list(classes.map(c => `a ${c}`), 'or')} environment` : 'of this baseline';
    return `| [${title(name)} baseline](${file}) | ${anchors} | findings and refusals naming the rule ${where} |`;
  });
  kept.splice(at + 1, 0, ...rows);
  return kept.join('\n');
}

/**
 * The pages the config asks for, by path relative to the repository root, and
 * docs/index.md with their rows in its "Link targets" table.
 * @returns {Map<string, string>}
 */
function generate(config = readConfig()) {
  const degrading = reconcilerSet('DEGRADING');
  if ([...degrading].sort().join() !== 'blocking,high') {
    throw new Error(
      `${RECONCILER}: findings of ${[...degrading].join(', ')} degrade an environment, but the severity words of scripts/baseline-docs.js say blocking and high do: update SEVERITY`,
    );
  }
  const context = { config, resolved: resolveBaselines(config.baselines), restorable: reconcilerSet('RESTORABLE') };
  const pages = new Map();
  for (const name of Object.keys(config.baselines)) {
    if (name === 'index') throw new Error('environments.baselines.index: "index" is the name of the general page; choose another name');
    pages.set(path.join(PAGES, `${name}.md`), page(name, context));
  }
  const index = path.join('docs', 'index.md');
  pages.set(index, linkTargets(fs.readFileSync(path.join(root, index), 'utf8'), context));
  return pages;
}

/** Generated pages of baselines the config no longer has. */
function stalePages(pages) {
  const dir = path.join(root, PAGES);
  return fs
    .readdirSync(dir)
    .map(file => path.join(PAGES, file))
    .filter(file => file.endsWith('.md') && !pages.has(file))
    .filter(file => fs.readFileSync(path.join(root, file), 'utf8').startsWith(GENERATED));
}

/**
 * What differs between the committed pages and the generated ones, one line per page.
 * @returns {string[]}
 */
function check() {
  const pages = generate();
  const problems = [];
  for (const [file, text] of pages) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) problems.push(`${file} is missing`);
    else {
      const committed = fs.readFileSync(full, 'utf8');
      if (committed === text) continue;
      const have = committed.split('\n');
      const want = text.split('\n');
      const line = want.findIndex((expectedLine, i) => have[i] !== expectedLine);
      const at = line < 0 ? have.length : line;
      problems.push(
        `${file} differs from what scripts/baseline-docs.js makes of ${CONFIG}, first at line ${at + 1}: ` +
          `has ${JSON.stringify(have[at] ?? '(end of file)')}, should have ${JSON.stringify(want[at] ?? '(end of file)')}`,
      );
    }
  }
  for (const file of stalePages(pages)) problems.push(`${file} is for a baseline ${CONFIG} no longer has`);
  return problems;
}

function write() {
  const pages = generate();
  for (const [file, text] of pages) {
    const full = path.join(root, file);
    if (fs.existsSync(full) && fs.readFileSync(full, 'utf8') === text) continue;
    fs.writeFileSync(full, text);
    process.stdout.write(`wrote ${file}\n`);
  }
  for (const file of stalePages(pages)) {
    fs.rmSync(path.join(root, file));
    process.stdout.write(`removed ${file}\n`);
  }
}

module.exports = { generate, check, COMMAND };

if (require.main === module) {
  try {
    if (process.argv.includes('--check')) {
      const problems = check();
      for (const problem of problems) process.stderr.write(`${problem}\n`);
      if (problems.length) process.stderr.write(`Run \`${COMMAND}\` to regenerate, and commit the pages.\n`);
      process.exitCode = problems.length ? 1 : 0;
    } else {
      write();
    }
  } catch (error) {
    process.stderr.write(`scripts/baseline-docs.js: ${error.message}\n`);
    process.exitCode = 1;
  }
}
