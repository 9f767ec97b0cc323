// The adoption test's reading of the READMEs (npm test -- adopt installs Paved into a new
// Backstage app by following them): what it takes from a README, what it refuses and how it
// names the line, checked here in a second so a broken marker fails before the long run.
const assert = require('node:assert/strict');
const { test } = require('node:test');
const {
  ReadmeStepError,
  configOf,
  readSteps,
  shellCommands,
  statements,
} = require('../lib/adoptReadme');
const { APP_ROLES, mergeConfig, planShell } = require('../lib/adoptApply');
const { backstageVersions, secondCopies } = require('../lib/adoptLock');
const { publishablePackages } = require('../lib/adoptPack');

const readme = [
  '# A plugin',
  '',
  '<!-- adopt: shell -->',
  '```sh',
  'yarn --cwd packages/backend add @paved/plugin-environments-backend # the plugin',
  '```',
  '',
  'An alternative, not marked, so not run:',
  '```sh',
  'npm install something-else',
  '```',
  '',
  '<!-- adopt: packages/backend/src/index.ts -->',
  '```ts',
  '// packages/backend/src/index.ts',
  "backend.add(import('@paved/plugin-environments-backend'));",
  '```',
  '',
  '<!-- adopt: app-config.yaml -->',
  '```yaml',
  'environments:',
  '  classes:',
  '    - name: preview',
  '```',
].join('\n');

test('only the blocks right after an adopt marker are steps, each with its first line', () => {
  const steps = readSteps('plugins/x/README.md', readme);
  assert.deepEqual(
    steps.map(s => [s.target, s.line]),
    [
      ['shell', 5],
      ['packages/backend/src/index.ts', 15],
      ['app-config.yaml', 21],
    ],
  );
  assert.deepEqual(shellCommands(steps[0]), [
    {
      command:
        'yarn --cwd packages/backend add @paved/plugin-environments-backend',
      line: 5,
    },
  ]);
  assert.deepEqual(statements(steps[1]), [
    "backend.add(import('@paved/plugin-environments-backend'));",
  ]);
  assert.deepEqual(configOf(steps[2]), {
    environments: { classes: [{ name: 'preview' }] },
  });
});

test('a marker the test cannot apply, or one without a code block, names the README line', () => {
  assert.throws(
    () =>
      readSteps(
        'plugins/x/README.md',
        '<!-- adopt: packages/app/src/App.tsx -->\n```ts\nx;\n```',
      ),
    error =>
      error instanceof ReadmeStepError &&
      /plugins\/x\/README\.md:1: .*"adopt: packages\/app\/src\/App\.tsx"/.test(
        error.message,
      ),
  );
  assert.throws(
    () =>
      readSteps(
        'plugins/x/README.md',
        'text\n<!-- adopt: shell -->\nRun this:\n```sh\nyarn\n```',
      ),
    /plugins\/x\/README\.md:2: an "adopt" marker must be followed by a code block/,
  );
});

test('a blank line between marker and block, as prettier writes it, is still that block', () => {
  const [step] = readSteps(
    'r.md',
    '<!-- adopt: shell -->\n\n```sh\nyarn --cwd packages/app add @paved/a\n```',
  );
  assert.deepEqual(shellCommands(step), [
    { command: 'yarn --cwd packages/app add @paved/a', line: 4 },
  ]);
});

test('a statement cut short and YAML that does not parse are refused with their line', () => {
  const [ts, yaml] = readSteps(
    'plugins/x/README.md',
    [
      '<!-- adopt: packages/backend/src/index.ts -->',
      '```ts',
      "backend.add(import('@paved/plugin-environments-backend'))",
      '```',
      '<!-- adopt: app-config.yaml -->',
      '```yaml',
      'environments: [unclosed',
      '```',
    ].join('\n'),
  );
  assert.throws(
    () => statements(ts),
    /README\.md:3: the code block ends in the middle of a statement/,
  );
  assert.throws(
    () => configOf(yaml),
    /README\.md:7: the app-config block is not valid YAML/,
  );
});

test('backslash-continued commands are one command; comments are dropped', () => {
  const [step] = readSteps(
    'r.md',
    '<!-- adopt: shell -->\n```sh\n# add both\nyarn --cwd packages/backend add \\\n  @paved/a @paved/b\n```',
  );
  assert.deepEqual(shellCommands(step), [
    { command: 'yarn --cwd packages/backend add @paved/a @paved/b', line: 4 },
  ]);
});

test('yarn add of one folder is run once with every package, each name standing for its tarball', () => {
  const packages = [
    { name: '@paved/a', tarball: '/packs/a.tgz' },
    { name: '@paved/b', tarball: '/packs/b.tgz' },
  ];
  const step = (text, line) => ({
    readme: 'r.md',
    line,
    target: 'shell',
    code: text,
  });
  const plan = planShell(
    [
      step('yarn --cwd packages/backend add @paved/a', 1),
      step('yarn --cwd packages/backend add @paved/a @paved/b', 10),
    ],
    packages,
  );
  assert.equal(plan.length, 1);
  assert.deepEqual(plan[0].names, [
    '@paved/a@file:/packs/a.tgz',
    '@paved/b@file:/packs/b.tgz',
  ]);
  assert.deepEqual(
    plan[0].from.map(f => f.where),
    ['r.md:1', 'r.md:10'],
  );
  assert.throws(
    () =>
      planShell(
        [step('yarn --cwd packages/backend add @paved/typo', 3)],
        packages,
      ),
    /r\.md:3: .* installs @paved\/typo, which no package in plugins\/ publishes/,
  );
});

test('config blocks merge as an adopter pastes them: keys joined, list items added once', () => {
  const merged = mergeConfig(
    { app: { title: 'Mine' }, catalog: { rules: [{ allow: ['Component'] }] } },
    {
      app: { extensions: ['x'] },
      catalog: {
        rules: [{ allow: ['Component'] }, { allow: ['Environment'] }],
      },
    },
  );
  assert.deepEqual(merged, {
    app: { title: 'Mine', extensions: ['x'] },
    catalog: { rules: [{ allow: ['Component'] }, { allow: ['Environment'] }] },
  });
});

test('a second copy of a Backstage package the app had is reported; a new package is not', () => {
  const lock = versions =>
    backstageVersions(
      Object.entries(versions)
        .map(([key, version]) => `"${key}":\n  version: ${version}\n`)
        .join('\n'),
    );
  const before = lock({ '@backstage/plugin-catalog-node@npm:^2.0.0': '2.2.5' });
  const after = lock({
    '@backstage/plugin-catalog-node@npm:^2.0.0': '2.2.5',
    '@backstage/plugin-catalog-node@npm:^3.0.0': '3.0.0',
    '@backstage/plugin-notifications-node@npm:^0.2.0': '0.2.24',
  });
  assert.deepEqual(secondCopies(before, after), [
    '@backstage/plugin-catalog-node: the app has 2.2.5; Paved added 3.0.0',
  ]);
});

test('every package an app installs has marked install steps the test can apply', () => {
  const apps = publishablePackages().filter(p => APP_ROLES.includes(p.role));
  assert.ok(apps.length >= 7, `found ${apps.length} plugins and modules`);
  for (const p of apps) {
    const steps = readSteps(`plugins/${p.dir}/README.md`);
    assert.ok(
      steps.some(s => s.target === 'shell'),
      `plugins/${p.dir}/README.md has no marked install command (<!-- adopt: shell -->)`,
    );
    for (const s of steps.filter(s => s.target === 'app-config.yaml'))
      configOf(s);
    for (const s of steps.filter(
      s => s.target !== 'shell' && s.target !== 'app-config.yaml',
    ))
      statements(s);
  }
});
