// The platform guidelines (docs/, rendered by TechDocs from the root mkdocs.yml): they build
// without a warning, mkdocs.yml survives TechDocs rewriting it, and every anchor the portal
// links to (the "Link targets" table of docs/link-targets.md) exists. Uses Node's own test runner.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { after, test } = require('node:test');
const { root } = require('../lib/util');

const mkdocsYml = path.join(root, 'mkdocs.yml');
const docsDir = path.join(root, 'docs');
const INSTALL_MKDOCS =
  'install `mkdocs` and `mkdocs-material` with apt (sudo apt-get install mkdocs mkdocs-material), ' +
  'or `pip install mkdocs-techdocs-core`';

let site;
const siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-docs-'));
after(() => fs.rmSync(siteDir, { recursive: true, force: true }));

/** Builds the site once (strict: any warning fails); later calls reuse the result. */
function build() {
  if (!site) {
    const result = spawnSync('mkdocs', ['build', '--strict', '-f', mkdocsYml, '-d', siteDir], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    site = { result };
  }
  const { result } = site;
  if (result.error && result.error.code === 'ENOENT') {
    assert.fail(`mkdocs is missing, so the platform guidelines cannot be built: ${INSTALL_MKDOCS}`);
  }
  assert.ifError(result.error);
  const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  if (/Unrecognised theme name: 'material'/.test(output)) {
    assert.fail(`mkdocs is installed but its material theme is missing: ${INSTALL_MKDOCS}`);
  }
  assert.equal(result.status, 0, `mkdocs build --strict failed:\n${output}`);
  return siteDir;
}

test('the guidelines build with mkdocs --strict: no broken links, no page missing from nav', () => {
  build();
  // mkdocs 1.4 reports a page missing from nav at INFO level, which --strict lets through.
  const output = `${site.result.stdout}${site.result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  assert.doesNotMatch(output, /not included in the "nav" configuration/, `add these pages to nav in mkdocs.yml:\n${output}`);
});

test('mkdocs.yml is in the form TechDocs writes it back (js-yaml load + dump)', () => {
  const text = fs.readFileSync(mkdocsYml, 'utf8');
  const yaml = require(path.join(root, 'node_modules', 'js-yaml'));
  assert.equal(
    yaml.dump(yaml.load(text)),
    text,
    'mkdocs.yml differs from js-yaml dump of itself; TechDocs would rewrite it (no comments, 2-space indent)',
  );
  // TechDocs itself may use a js-yaml of its own, with the YAML 1.1 schema.
  const techdocsNode = path.join(root, 'node_modules', '@backstage', 'plugin-techdocs-node');
  if (fs.existsSync(techdocsNode)) {
    const own = require(require.resolve('js-yaml', { paths: [techdocsNode] }));
    const options = own.YAML11_SCHEMA ? { schema: own.YAML11_SCHEMA } : {};
    assert.equal(
      own.dump(own.load(text, options), options),
      text,
      "mkdocs.yml differs from the dump of @backstage/plugin-techdocs-node's js-yaml",
    );
  }
  const config = yaml.load(text);
  assert.deepEqual(Object.keys(config), ['site_name', 'docs_dir', 'nav', 'theme', 'plugins', 'markdown_extensions']);
  assert.deepEqual(config.theme, { name: 'material', font: false });
  assert.deepEqual(config.plugins, ['search']);
});

/** The [`#anchor`](page.md#anchor) links of the "Link targets" table in docs/link-targets.md. */
function linkTargets() {
  const index = fs.readFileSync(path.join(docsDir, 'link-targets.md'), 'utf8');
  const section = index.split(/^## Link targets\s*$/m)[1];
  assert.ok(section, 'docs/link-targets.md has no "## Link targets" section');
  const rows = section.split(/^## /m)[0].split('\n').filter(line => /^\|/.test(line)).slice(2);
  assert.ok(rows.length > 0, 'the "Link targets" table of docs/link-targets.md has no rows');
  const targets = [];
  for (const row of rows) {
    const anchors = row.split('|')[2] ?? '';
    const links = [...anchors.matchAll(/\]\(([^)#\s]+\.md)#([^)\s]+)\)/g)];
    assert.ok(links.length > 0, `this "Link targets" row names no page.md#anchor link: ${row}`);
    for (const [, page, anchor] of links) targets.push({ page, anchor });
  }
  return targets;
}

/** Where mkdocs (use_directory_urls) writes the HTML of a page. */
function htmlOf(page) {
  const withoutExt = page.replace(/\.md$/, '');
  const relative =
    path.basename(withoutExt) === 'index'
      ? `${withoutExt}.html`
      : path.join(withoutExt, 'index.html');
  return path.join(build(), relative);
}

test('every anchor in the "Link targets" table exists in the built page', () => {
  const missing = [];
  for (const { page, anchor } of linkTargets()) {
    const file = htmlOf(page);
    const html = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (!html.includes(`id="${anchor}"`)) missing.push(`${page}#${anchor}`);
  }
  assert.deepEqual(missing, [], `anchors listed in docs/link-targets.md but not in the built site: ${missing.join(', ')}`);
});

test('every explicit {#anchor} in docs/ is listed in the "Link targets" table', () => {
  const listed = new Set(linkTargets().map(({ page, anchor }) => `${page}#${anchor}`));
  const unlisted = [];
  const walk = dir => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) {
        const page = path.relative(docsDir, full).split(path.sep).join('/');
        for (const [, anchor] of fs.readFileSync(full, 'utf8').matchAll(/^#{1,6} .*\{#([^}\s]+)\}\s*$/gm)) {
          if (!listed.has(`${page}#${anchor}`)) unlisted.push(`${page}#${anchor}`);
        }
      }
    }
  };
  walk(docsDir);
  assert.deepEqual(unlisted, [], `add these anchors to the "Link targets" table of docs/link-targets.md: ${unlisted.join(', ')}`);
});
