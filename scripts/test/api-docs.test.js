// The environments API's OpenAPI document (plugins/environments-backend/src/schema/openapi.yaml)
// is generated from the zod route table of @paved/plugin-environments-common by
// scripts/api-docs.js; this fails when the committed file says something else.
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { check, COMMAND, FILE } = require('../api-docs');

test('the OpenAPI document is what scripts/api-docs.js makes of the route table', () => {
  const problems = check();
  assert.deepEqual(
    problems,
    [],
    `${FILE} is stale:\n  ${problems.join('\n  ')}\nRun \`${COMMAND}\` to regenerate it, and commit the result.`,
  );
});
