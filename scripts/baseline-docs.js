#!/usr/bin/env node
// @ts-check
/*
 * Writes the guideline pages of the baselines from app-config.yaml (environments.baselines
 * and environments.classes) and from the registered baseline rules' descriptions, so the
 * pages say exactly what the config enforces, and an installed provider's rules document
 * themselves:
 *
 *   yarn docs:baselines                          writes the pages
 *   node scripts/baseline-docs.js --check        writes nothing; exits 1 naming each page
 *                                                that differs (scripts/test runs this check)
 *
 * It writes docs/baselines/<name>.md for each baseline, the rule sections of
 * docs/baselines/index.md (below its marker line), and the baselines' rows of the "Link
 * targets" table of docs/link-targets.md.
 *
 * The registered rules are those of the environments modules packages/backend depends on
 * (a module exports its array of BaselineRuleDefinition beside its provider), then the
 * backend's own (plugins/environments-backend/src/baselines), as the backend orders them.
 * They are TypeScript, loaded with Backstage's transform.
 *
 * Inheritance (`extends`) is resolved as the backend does it
 * (plugins/environments-backend/src/config/baselinesConfig.ts): a baseline starts with its
 * parent's rules, and a rule of its own replaces the parent's rule of that id in place.
 * Which severities degrade an environment is read from
 * plugins/environments-backend/src/drift/Reconciler.ts.
 */
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./lib/util');

const CONFIG = 'app-config.yaml';
const PAGES = path.join('docs', 'baselines');
const GENERAL_PAGE = path.join(PAGES, 'index.md');
const BACKEND = path.join('plugins', 'environments-backend');
// Which severities degrade an environment: the reconciler and the exception use cases read it here.
const DEGRADING_SOURCE = path.join('plugins', 'environments-backend', 'src', 'baselines', 'degrading.ts');
const COMMAND = 'yarn docs:baselines';
const GENERATED = `<!-- Generated from ${CONFIG} by scripts/baseline-docs.js: do not edit. Change the config, then run \`${COMMAND}\`. -->`;
const RULE_SECTIONS = `<!-- The rule sections below are generated from the registered rules' descriptions by scripts/baseline-docs.js: do not edit them. Change a description, then run \`${COMMAND}\`. -->`;

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

/**
 * The environments modules the portal's backend installs: its dependencies that are backend
 * modules of the environments plugin.
 */
function environmentsModules() {
  const readPackage = dir => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const backend = readPackage(path.join(root, 'packages', 'backend'));
  return Object.keys(backend.dependencies ?? {}).filter(name => {
    const { backstage } = readPackage(path.join(root, 'node_modules', name));
    return backstage?.role === 'backend-plugin-module' && backstage?.pluginId === 'environments';
  });
}

const isRule = value =>
  typeof value?.id === 'string' &&
  typeof value?.params?.safeParse === 'function' &&
  typeof value?.description?.expected === 'function';

/**
 * The rules of a backend with the portal's environments modules: the modules', then the
 * core's. A duplicate id stops here as it stops the backend.
 * @returns {any[]}
 */
function registeredRules() {
  require(path.join(root, 'node_modules', '@backstage', 'cli-node', 'config', 'nodeTransform.cjs'));
  const core = require(path.join(root, BACKEND, 'src', 'baselines'));
  const sources = environmentsModules().map(name => {
    const exported = Object.values(require(name)).flatMap(value => (Array.isArray(value) ? value : [value]));
    return { source: `the ${name} module`, rules: [...new Set(exported.filter(isRule))] };
  });
  const all = [...sources, { source: core.CORE_RULES_SOURCE, rules: core.CORE_BASELINE_RULES }];
  return new core.BaselineRuleRegistry(all).list();
}

/** The quoted strings of `const <name> = new Set([...])` in the backend's source. */
function sourceSet(name) {
  const source = fs.readFileSync(path.join(root, DEGRADING_SOURCE), 'utf8');
  const match = new RegExp(`const ${name} = new Set\\(\\[([^\\]]*)\\]\\)`).exec(source);
  if (!match) {
    throw new Error(
      `${DEGRADING_SOURCE} has no \`const ${name} = new Set([...])\`; scripts/baseline-docs.js reads it to say how drift is handled: update the script`,
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
 * What a rule expects, with its parameters (its schema's defaults applied), in words: the
 * registered rule's own description of its values.
 * @param {any} rule a rule of a baseline, as configured
 * @param {{ currency: string, classes: any[], rules: Map<string, any> }} context the classes
 *   using the baseline, and the registered rules by id
 */
function expected(rule, { currency, classes, rules }) {
  const params = definition(rule, rules).params.safeParse(rule.params);
  if (!params.success) {
    const issues = params.error.issues.map(i => `${['params', ...i.path].join('.')}: ${i.message}`);
    throw new Error(`environments.baselines.${rule.from}: rule ${rule.id}: ${issues.join('; ')}`);
  }
  return definition(rule, rules).description.expected(params.data, { currency, classes });
}

/** The registered rule a baseline's rule configures. */
function definition(rule, rules) {
  const found = rules.get(rule.id);
  if (!found) {
    throw new Error(`environments.baselines.${rule.from}: ${rule.id} is not a registered rule (registered: ${[...rules.keys()].join(', ')})`);
  }
  return found;
}

/** What happens to drift from a rule in a class: reported or restored. */
function driftOf(ruleId, environmentClass, rules) {
  if (environmentClass.drift !== 'restore') return 'reported';
  return rules.get(ruleId).restorable ? 'restored' : 'notRestorable';
}

/** The drift line of a rule, per class when the classes using the baseline differ. */
function driftText(ruleId, classes, rules) {
  if (!classes.length) return 'No class uses this baseline itself, so none of its environments can drift from it.';
  const kinds = classes.map(c => driftOf(ruleId, c, rules));
  const limits = rules.get(ruleId).description.restoreLimits;
  const text = kind => DRIFT[kind] + (kind === 'restored' && limits ? ` ${limits}` : '');
  if (kinds.every(kind => kind === kinds[0])) return text(kinds[0]);
  return classes.map((c, i) => `In class ${c.name}: ${text(kinds[i])}`).join('\n:   ');
}

/** The short form of a drift line, for the summary table. */
function driftWord(ruleId, classes, rules) {
  const words = [...new Set(classes.map(c => (driftOf(ruleId, c, rules) === 'restored' ? 'restored' : 'reported')))];
  return words.join(' or ') || '—';
}

function classLink(environmentClass) {
  const classesPage = fs.readFileSync(path.join(root, 'docs', 'environments', 'classes.md'), 'utf8');
  return classesPage.includes(`{#${environmentClass.name}}`)
    ? ` See the [${environmentClass.name} class](../environments/classes.md#${environmentClass.name}).`
    : '';
}

/** The page of one baseline. */
function page(name, { config, resolved, rules: registered }) {
  const own = config.baselines[name];
  const rules = resolved.get(name);
  const classes = config.classes.filter(c => c.baseline === name);
  const children = Object.keys(config.baselines).filter(child => config.baselines[child].extends === name);
  const context = { currency: config.currency, classes, rules: registered };
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
      const restored = [...rules.keys()].filter(id => driftOf(id, c, registered) === 'restored');
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
    out.push(`| [${rule.id}](#${rule.id}) | ${rule.severity} | ${cell} | ${driftWord(rule.id, classes, registered)} |`);
  }
  out.push('');

  for (const rule of rules.values()) {
    out.push(`### ${rule.id} {#${rule.id}}`, '', sentence(rule.message), '');
    out.push('Expected', `:   ${expected(rule, context)}`, '');
    if (!SEVERITY[rule.severity]) throw new Error(`environments.baselines.${rule.from}: rule ${rule.id} has an unknown severity "${rule.severity}"`);
    out.push('Severity', `:   ${SEVERITY[rule.severity]}`, '');
    out.push('Drift', `:   ${driftText(rule.id, classes, registered)}`, '');
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

/** Text of a description under a definition-list term: its line breaks kept, indented. */
const definitionText = text => text.split('\n').join('\n    ');

/**
 * docs/baselines/index.md with its rule sections, below the marker line, written from the
 * registered rules' descriptions: one heading per group, in the order the rules are
 * registered. Everything above the marker is kept as it is.
 */
function generalPage(current, rules) {
  const at = current.indexOf(`${RULE_SECTIONS}\n`);
  if (at < 0) throw new Error(`${GENERAL_PAGE} has no line ${RULE_SECTIONS} to write the rule sections under`);
  const out = [RULE_SECTIONS, ''];
  for (const group of new Set(rules.map(rule => rule.description.group))) {
    out.push(`## ${group}`, '');
    for (const rule of rules.filter(r => r.description.group === group)) {
      const { checks, today } = rule.description;
      out.push(`### ${rule.id} {#${rule.id}}`, '', 'Checks', `:   ${definitionText(checks)}`, '', 'Today', `:   ${definitionText(today)}`, '');
    }
  }
  return `${current.slice(0, at)}${out.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * The "Link targets" rows of docs/baselines/index.md's rule sections: one for the rules
 * about resources, one for the environment's own rules, in the order they are registered.
 */
function ruleRows(rules) {
  const row = group =>
    `| [Baselines](baselines/index.md) | ${group.map(r => `[\`#${r.id}\`](baselines/index.md#${r.id})`).join(', ')} | findings and refusals naming the rule |`;
  const environment = rules.filter(r => typeof r.checkEnvironment === 'function');
  const resources = rules.filter(r => !environment.includes(r));
  return [resources, environment].filter(group => group.length).map(row);
}

/**
 * docs/link-targets.md with one row per baseline page in its "Link targets" table, listing the
 * page's rule anchors, right after the rows of baselines/index.md. Rows of baseline pages
 * are replaced; every other line is kept as it is.
 */
function linkTargets(index, { config, resolved, rules }) {
  const lines = index.split('\n');
  const start = lines.findIndex(line => /^## Link targets\s*$/.test(line));
  if (start < 0) throw new Error('docs/link-targets.md has no "## Link targets" section');
  const isPageRow = line => /^\| \[[^\]]*\]\(baselines\/(?!index\.md)[^)]+\.md\) \|/.test(line);
  // Rule ids have a dot; the general page's own sections (#per-class) do not.
  const isRuleRow = line => /^\| \[[^\]]*\]\(baselines\/index\.md\) \| \[`#[^`]*\./.test(line);
  const firstRuleRow = lines.findIndex((line, i) => i > start && isRuleRow(line));
  if (firstRuleRow < 0) throw new Error('the "Link targets" table of docs/link-targets.md has no row of the rule anchors of baselines/index.md to replace');
  const kept = lines.flatMap((line, i) => {
    if (i === firstRuleRow) return ruleRows([...rules.values()]);
    return i <= start || !(isPageRow(line) || isRuleRow(line)) ? [line] : [];
  });
  let at = -1;
  kept.forEach((line, i) => {
    if (i > start && line.startsWith('| [') && line.includes('](baselines/index.md) |')) at = i;
  });
  if (at < 0) throw new Error('the "Link targets" table of docs/link-targets.md has no row for baselines/index.md to put the baseline pages after');
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
 * The pages the config asks for, by path relative to the repository root, the general
 * page with the rules' sections, and docs/link-targets.md with their rows in its "Link targets"
 * table.
 * @param {{ currency: string, classes: any[], baselines: Record<string, any> }} config
 *   `environments` of app-config.yaml
 * @param {any[]} registered the registered rules (BaselineRuleDefinition), in order
 * @returns {Map<string, string>}
 */
function generate(config = readConfig(), registered = registeredRules()) {
  const degrading = sourceSet('DEGRADING');
  if ([...degrading].sort().join() !== 'blocking,high') {
    throw new Error(
      `${DEGRADING_SOURCE}: findings of ${[...degrading].join(', ')} degrade an environment, but the severity words of scripts/baseline-docs.js say blocking and high do: update SEVERITY`,
    );
  }
  const rules = new Map(registered.map(rule => [rule.id, rule]));
  const context = { config, resolved: resolveBaselines(config.baselines), rules };
  const pages = new Map();
  for (const name of Object.keys(config.baselines)) {
    if (name === 'index') throw new Error('environments.baselines.index: "index" is the name of the general page; choose another name');
    pages.set(path.join(PAGES, `${name}.md`), page(name, context));
  }
  pages.set(GENERAL_PAGE, generalPage(fs.readFileSync(path.join(root, GENERAL_PAGE), 'utf8'), registered));
  const index = path.join('docs', 'link-targets.md');
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
        `${file} differs from what scripts/baseline-docs.js makes of ${CONFIG} and the registered rules, first at line ${at + 1}: ` +
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
