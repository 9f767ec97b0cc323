// Behaviour of the bootstrap behind `npm start` and `npm test` that a newcomer meets
// before anything else runs. Uses Node's own test runner: no dependencies to install.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { test } = require('node:test');
const { installInputs } = require('../lib/install');
const { resolveConfigPaths, root } = require('../lib/util');

const paved = path.join(root, 'scripts', 'paved.js');

/** A PATH with every program of the usual bin folders except the ones named. */
function pathWithout(...missing) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-path-'));
  for (const bin of ['/usr/local/bin', '/usr/bin', '/bin']) {
    if (!fs.existsSync(bin)) continue;
    for (const name of fs.readdirSync(bin)) {
      const link = path.join(dir, name);
      if (missing.includes(name) || fs.existsSync(link)) continue;
      fs.symlinkSync(path.join(bin, name), link);
    }
  }
  // The python3 a version manager shims in front of the system's.
  const python = spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).stdout.trim();
  if (python && !missing.includes('python3')) {
    fs.rmSync(path.join(dir, 'python3'), { force: true });
    fs.symlinkSync(fs.realpathSync(python), path.join(dir, 'python3'));
  }
  return dir;
}

for (const missing of ['g++', 'make', 'python3']) {
  test(`a missing ${missing} stops set-up with one line saying how to install it`, () => {
    const bin = pathWithout(missing);
    try {
      const result = spawnSync(process.execPath, [paved, 'start'], {
        encoding: 'utf8',
        env: { ...process.env, PATH: bin },
      });
      assert.equal(result.status, 1);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0], new RegExp(`^\\[paved\\] ${missing.replace('+', '\\+')} is missing .*install it with: .*${missing.replace(/\+/g, '\\+')}`));
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });
}

test('an unknown test step is refused with the list of steps', () => {
  const result = spawnSync(process.execPath, [paved, 'test', 'everything'], { encoding: 'utf8' });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /unknown test step everything; choose from scripts, tsc, lint, unit, e2e/);
});

test('--config paths given to npm start are read from the repository root', () => {
  assert.deepEqual(resolveConfigPaths(['--config', 'app-config.production.yaml', 'backend']), [
    '--config',
    path.join(root, 'app-config.production.yaml'),
    'backend',
  ]);
  assert.deepEqual(resolveConfigPaths(['--config', '/etc/paved.yaml']), ['--config', '/etc/paved.yaml']);
});

test('the install is redone when the Node version changes, and only then', () => {
  const a = installInputs({ version: '22.23.3' });
  assert.equal(installInputs({ version: '22.23.3' }), a);
  assert.notEqual(installInputs({ version: '22.24.0' }), a);
});
