// What an adopter installs: every published package carries the metadata a registry page and
// Backstage's tooling read, and its @backstage ranges take the copies of the Backstage releases
// Paved says it supports (package.json `paved.backstageRange`), so a drift fails here first.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { root } = require('../lib/util');

const readJson = file =>
  JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const rootPackage = readJson('package.json');
const {
  oldest,
  newest,
  releases: releasesFile,
} = rootPackage.paved.backstageRange;
const { releases } = readJson(releasesFile);

const parse = version => version.split('.').map(Number);
const compare = (a, b) => {
  const [x, y] = [parse(a), parse(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};
/** The releases the range names, oldest first. */
const supported = Object.keys(releases)
  .filter(r => compare(r, oldest) >= 0 && compare(r, newest) <= 0)
  .sort(compare);
const minor = release => release.split('.').slice(0, 2).join('.');

/** `^x.y.z`, or several of them joined by `||`: the only shapes the packages use. */
function satisfies(version, range) {
  return range.split('||').some(part => {
    const match = /^\s*\^(\d+\.\d+\.\d+)\s*$/.exec(part);
    assert.ok(
      match,
      `range "${range}" is not a caret range or a union of them`,
    );
    const [floor, v] = [parse(match[1]), parse(version)];
    const line = floor[0] > 0 ? 1 : 2; // ^1.2.3 keeps the major, ^0.2.3 the minor
    return (
      floor.slice(0, line).every((n, i) => n === v[i]) &&
      compare(version, match[1]) >= 0
    );
  });
}
const sameLine = (a, b) => satisfies(b, `^${a}`);

const published = fs
  .readdirSync(path.join(root, 'plugins'))
  .map(dir => ({ dir, pkg: readJson(`plugins/${dir}/package.json`) }))
  .filter(({ pkg }) => !pkg.private);

test('the supported range names releases whose versions are recorded', () => {
  assert.ok(
    releases[oldest] && releases[newest],
    `${releasesFile} lacks ${oldest} or ${newest}`,
  );
  assert.equal(
    readJson('backstage.json').version,
    newest,
    'the repository builds with the newest',
  );
});

test('the README says the supported range near the top, as every package README does', () => {
  const line = `Works with Backstage ${minor(oldest)} to ${minor(newest)}`;
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.ok(
    readme.split('\n').slice(0, 12).join('\n').includes(line),
    `README.md: "${line}"`,
  );
  for (const { dir } of published) {
    const text = fs.readFileSync(
      path.join(root, 'plugins', dir, 'README.md'),
      'utf8',
    );
    assert.ok(text.includes(line), `plugins/${dir}/README.md: "${line}"`);
  }
});

for (const { dir, pkg } of published) {
  test(`${pkg.name} has the metadata of a published Backstage package`, () => {
    assert.match(pkg.name, /^@paved\/plugin-/);
    assert.ok(pkg.description, 'description');
    assert.equal(pkg.license, 'Apache-2.0');
    assert.deepEqual(pkg.repository, {
      type: 'git',
      url: rootPackage.repository.url,
      directory: `plugins/${dir}`,
    });
    const site = rootPackage.repository.url
      .replace(/^git\+/, '')
      .replace(/\.git$/, '');
    assert.ok(pkg.homepage?.startsWith(site), `homepage under ${site}`);
    for (const keyword of ['backstage', 'backstage-plugin']) {
      assert.ok(pkg.keywords?.includes(keyword), `keyword ${keyword}`);
    }
    // Entry points through exports: publishConfig holds nothing npm would warn about.
    assert.deepEqual(pkg.publishConfig, { access: 'public' });
    assert.ok(pkg.exports?.['.'], 'exports');
    assert.ok(pkg.files?.includes('dist'), 'files includes dist');
    const { role, pluginId, pluginPackage, pluginPackages } =
      pkg.backstage ?? {};
    assert.ok(role && pluginId, 'backstage.role and backstage.pluginId');
    if (role === 'backend-plugin-module' || role === 'frontend-plugin-module') {
      assert.ok(
        pluginPackage,
        'a module names its plugin in backstage.pluginPackage',
      );
    } else {
      assert.ok(
        pluginPackages?.includes(pkg.name),
        'backstage.pluginPackages lists itself',
      );
    }
    assert.ok(
      fs.existsSync(path.join(root, 'plugins', dir, 'CHANGELOG.md')),
      'CHANGELOG.md',
    );
  });

  test(`${pkg.name} takes the app's copy of each @backstage package on ${minor(
    oldest,
  )} to ${minor(newest)}`, () => {
    const declared = [
      ...Object.entries(pkg.dependencies ?? {}).map(e => [
        'dependencies',
        ...e,
      ]),
      ...Object.entries(pkg.peerDependencies ?? {}).map(e => [
        'peerDependencies',
        ...e,
      ]),
    ].filter(([, name]) => name.startsWith('@backstage/'));
    for (const [field, name, range] of declared) {
      const versions = supported.map(r => releases[r][name]);
      assert.ok(
        versions.every(Boolean),
        `${name}: add its versions to ${releasesFile}`,
      );
      for (const [i, version] of versions.entries()) {
        assert.ok(
          satisfies(version, range),
          `${field} ${name} "${range}" excludes ${version} (Backstage ${supported[i]})`,
        );
      }
      const [first, last] = [versions[0], versions[versions.length - 1]];
      if (sameLine(first, last)) {
        // The oldest release's own range, which its lockfiles already resolve: no second copy.
        assert.equal(
          field,
          'dependencies',
          `${name} keeps one line across the range: a dependency`,
        );
        assert.equal(
          range,
          `^${first}`,
          `${name}: the caret on its version in ${oldest}`,
        );
      } else {
        // A dependency's range would resolve to the newest major and add a second copy to an
        // app on the older one; as a peer the app's own copy is used.
        assert.equal(
          field,
          'peerDependencies',
          `${name} changes major within the range: a peer`,
        );
        assert.ok(
          pkg.devDependencies?.[name],
          `${name}: a devDependency too, to build with`,
        );
      }
    }
  });
}
