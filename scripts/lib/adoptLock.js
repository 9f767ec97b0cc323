// @ts-check
/*
 * One copy of each Backstage package: what the app's lockfile resolves before and after
 * Paved is added. A Paved range that the app's copy does not satisfy makes Yarn install a
 * second copy beside it, and plugins then see two different service refs or API refs.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

/** The packages the issue names; the check covers every @backstage package. */
const CORE = [
  '@backstage/backend-plugin-api',
  '@backstage/plugin-catalog-node',
  '@backstage/core-plugin-api',
  '@backstage/frontend-plugin-api',
];

/** @returns {Record<string, string[]>} each @backstage package's resolved versions */
function backstageVersions(lockfileText) {
  const lock = YAML.parse(lockfileText);
  /** @type {Record<string, Set<string>>} */
  const found = {};
  for (const [key, entry] of Object.entries(lock)) {
    const name = key
      .split(',')[0]
      .trim()
      .replace(/^"|"$/g, '')
      .replace(/@(npm|file|patch|workspace|link|portal):.*$/, '');
    if (!name.startsWith('@backstage/') || !entry?.version) continue;
    (found[name] ??= new Set()).add(String(entry.version));
  }
  return Object.fromEntries(
    Object.entries(found).map(([name, versions]) => [
      name,
      [...versions].sort(),
    ]),
  );
}

const lockVersions = app =>
  backstageVersions(fs.readFileSync(path.join(app, 'yarn.lock'), 'utf8'));

/** @returns {string[]} one line per Backstage package of which Paved brought another copy */
function secondCopies(before, after) {
  return Object.entries(after).flatMap(([name, versions]) => {
    const had = before[name] ?? [];
    const added = versions.filter(v => !had.includes(v));
    return had.length && added.length
      ? [
          `${name}: the app has ${had.join(', ')}; Paved added ${added.join(
            ', ',
          )}`,
        ]
      : [];
  });
}

module.exports = { CORE, backstageVersions, lockVersions, secondCopies };
