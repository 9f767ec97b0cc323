/*
 * Preloaded into `backstage-cli package build --stats` by bench/frontend.ts (node --require).
 *
 * The CLI writes the bundler's full stats (about 150 MB) with bfj, which on this machine
 * sometimes stops half way and never returns. This replaces bfj.write, for that one process,
 * with a plain write of the few fields the benchmark reads: the entry's files and, per
 * chunk, its files, whether it is initial, the dynamic imports that load it (origins) and
 * the modules in it. The build itself is untouched.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const cli = path.dirname(
  require.resolve('@backstage/cli-module-build/package.json'),
);
const bfj = require.resolve('bfj', { paths: [cli] });

const moduleNames = m => [
  m.nameForCondition || m.identifier,
  ...(m.modules || []).flatMap(moduleNames),
];

const hooked = new Module(bfj);
hooked.filename = bfj;
hooked.loaded = true;
hooked.exports = {
  async write(file, stats) {
    const lite = {
      entrypoints: {
        main: {
          assets: stats.entrypoints.main.assets.map(a =>
            typeof a === 'string' ? a : a.name,
          ),
        },
      },
      chunks: stats.chunks.map(c => ({
        id: String(c.id),
        files: c.files,
        initial: c.initial,
        names: c.names,
        origins: (c.origins || []).map(o => ({
          module: o.module || '',
          loc: o.loc || '',
          request: o.request || '',
        })),
        modules: [
          ...new Set((c.modules || []).flatMap(moduleNames).filter(Boolean)),
        ],
      })),
    };
    await fs.promises.writeFile(file, JSON.stringify(lite));
  },
};
require.cache[bfj] = hooked;
