// The guideline page of each baseline (docs/baselines/<name>.md), the rule sections of
// docs/baselines/index.md and their rows in the "Link targets" table of docs/link-targets.md are
// generated from app-config.yaml and the registered rules' descriptions by
// scripts/baseline-docs.js; this fails when the committed files say something else.
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { check, COMMAND } = require('../baseline-docs');

test('the baseline pages in docs/ are what scripts/baseline-docs.js makes of app-config.yaml and the registered rules', () => {
  const problems = check();
  assert.deepEqual(
    problems,
    [],
    `the baseline pages do not match app-config.yaml:\n  ${problems.join('\n  ')}\nRun \`${COMMAND}\` to regenerate them, and commit the result.`,
  );
});
