#!/usr/bin/env node
// @ts-check
/*
 * Writes the environments API's OpenAPI document,
 * plugins/environments-backend/src/schema/openapi.yaml, from the zod route table of
 * @paved/plugin-environments-common (src/api/routes.ts), so the document says exactly
 * what the router validates and the client sends:
 *
 *   yarn generate:api                 writes the document
 *   node scripts/api-docs.js --check  writes nothing; exits 1 when the file differs
 *                                     (scripts/test runs this check)
 *
 * The document is built by plugins/environments-backend/src/schema/environmentsDocument.ts,
 * loaded through Backstage's TypeScript transform.
 */
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./lib/util');

const FILE = path.join('plugins', 'environments-backend', 'src', 'schema', 'openapi.yaml');
const SOURCE = path.join('plugins', 'environments-backend', 'src', 'schema', 'environmentsDocument.ts');
const COMMAND = 'yarn generate:api';
const HEADER = [
  '# Generated from the route table of @paved/plugin-environments-common (src/api/routes.ts)',
  `# by scripts/api-docs.js: do not edit. Change the zod schemas, then run \`${COMMAND}\`.`,
].join('\n');

/** The document's text, as it should be checked in. */
function generate() {
  require(path.join(root, 'node_modules', '@backstage', 'cli-node', 'config', 'nodeTransform.cjs'));
  const yaml = require(path.join(root, 'node_modules', 'yaml'));
  const { environmentsOpenApiDocument } = require(path.join(root, SOURCE));
  const document = new yaml.Document(environmentsOpenApiDocument());
  // Lists of words (enums, required fields) on one line, as a person writes them.
  yaml.visit(document, {
    Seq(_, node) {
      if (node.items.every(item => yaml.isScalar(item))) node.flow = true;
    },
  });
  const text = `${HEADER}\n${document.toString({ singleQuote: true, lineWidth: 90, flowCollectionPadding: false })}`;
  // As the repository's prettier would leave it, so formatting the tree never makes it stale.
  const prettier = require(path.join(root, 'node_modules', 'prettier'));
  const options = prettier.resolveConfig.sync(path.join(root, FILE)) ?? {};
  return prettier.format(text, { ...options, parser: 'yaml' });
}

/** What is wrong with the checked-in document: nothing, or the first line that differs. */
function check() {
  const want = generate();
  const full = path.join(root, FILE);
  if (!fs.existsSync(full)) return [`${FILE} is missing`];
  const have = fs.readFileSync(full, 'utf8');
  if (have === want) return [];
  const [haveLines, wantLines] = [have.split('\n'), want.split('\n')];
  const at = haveLines.findIndex((line, i) => line !== wantLines[i]);
  const line = at === -1 ? haveLines.length : at;
  return [
    `${FILE} differs from what scripts/api-docs.js makes of the route table, first at line ${line + 1}: ` +
      `has ${JSON.stringify(haveLines[line] ?? '(end of file)')}, should have ${JSON.stringify(wantLines[line] ?? '(end of file)')}`,
  ];
}

function write() {
  const text = generate();
  const full = path.join(root, FILE);
  if (fs.existsSync(full) && fs.readFileSync(full, 'utf8') === text) return;
  fs.writeFileSync(full, text);
  process.stdout.write(`wrote ${FILE}\n`);
}

module.exports = { generate, check, COMMAND, FILE };

if (require.main === module) {
  try {
    if (process.argv.includes('--check')) {
      const problems = check();
      for (const problem of problems) process.stderr.write(`${problem}\n`);
      if (problems.length) process.stderr.write(`Run \`${COMMAND}\` to regenerate, and commit the document.\n`);
      process.exitCode = problems.length ? 1 : 0;
    } else {
      write();
    }
  } catch (error) {
    process.stderr.write(`scripts/api-docs.js: ${error.stack || error.message}\n`);
    process.exitCode = 1;
  }
}
