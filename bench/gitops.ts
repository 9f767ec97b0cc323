/*
 * Benchmark of one drift-reconciler pass over N kubernetes-namespace resources delivered
 * to one GitOps repository (the real environments plugin and gitops module, the
 * repository a bare one as the portal's local git host keeps it). Prints, per pass, the
 * wall time, the SQL statements to the plugin's own database and the git commands, by
 * kind: the module must read the repository once per target per new commit (one
 * `ls-tree` and one `cat-file --batch`), however many resources it holds, and a commit
 * that changes one namespace must write one resource's observation, not every one.
 *
 * The floor, measured in the same run on the same repository (see gitopsRepository.ts):
 * a plain `git fetch` of it into an empty repository followed by a full tree read.
 *
 * The repository is seeded with the module's own rendering of every namespace in one
 * commit, so a pass finds nothing but the one hand edit the bench commits before the
 * second pass.
 *
 * Run by hand (not part of npm test; timings vary on shared machines):
 *   PATH=$PWD/.toolchain/node-22.23.3/bin:$PATH node .yarn/releases/yarn-4.13.0.cjs bench:gitops [sizes…]
 */
import {
  createServiceFactory,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import environmentsPlugin from '@paved/plugin-environments-backend';
import gitopsModule from '@paved/plugin-environments-backend-module-gitops';
import knexFactory, { Knex } from 'knex';
import childProcess from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLUSTER, floor, handEdit, seed } from './gitopsRepository';
import { heldScheduler, percentile, rule, timed } from './lib/harness';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const RESOURCE_COUNTS = SIZES.length ? SIZES : [100, 1_000];
const REPOSITORY = 'platform-gitops';

/** One class, every rule the module registers, drift reported (not restored). */
const ENVIRONMENTS_CONFIG = {
  classes: [
    {
      name: 'dev',
      tier: 'development',
      lifecycle: 'static',
      baseline: 'dev',
      maxEnvironmentsPerOwner: 1_000_000,
      resources: { 'kubernetes-namespace': { target: 'local' } },
    },
  ],
  baselines: {
    dev: {
      rules: [
        rule('kubernetes.quota', 'blocking', {
          cpu: { max: '4' },
          memory: { max: '8Gi' },
          pods: { max: 50 },
        }),
        rule('kubernetes.container-limits', 'high'),
        rule('kubernetes.no-cluster-admin', 'high'),
        rule('kubernetes.owner-label', 'high'),
        rule('kubernetes.namespace-name', 'low', {
          pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$',
        }),
        rule('kubernetes.manifests', 'low'),
      ],
    },
  },
};

/**
 * Counts the git commands every caller in this process starts, by subcommand (the module
 * runs git through `child_process.spawn`).
 */
function countGit() {
  const spawn = childProcess.spawn;
  let commands = new Map<string, number>();
  (childProcess as any).spawn = function counted(
    command: string,
    args: string[],
    ...rest: any[]
  ) {
    if (command === 'git') {
      const sub = args[0] === '--git-dir' ? args[2] : args[0];
      const name = sub === 'cat-file' ? `cat-file ${args[3] ?? ''}` : sub;
      commands.set(name, (commands.get(name) ?? 0) + 1);
    }
    return (spawn as any).call(this, command, args, ...rest);
  };
  return {
    take: () => {
      const taken = commands;
      commands = new Map();
      return taken;
    },
    restore: () => {
      (childProcess as any).spawn = spawn;
    },
  };
}

/**
 * Statements to the plugin's own database, counted by knex, by verb and table, and for an
 * update the columns it sets (`update resources (observed)`), so a pass that rewrites
 * every resource's observation shows as such.
 */
function countStatements(knex: Knex) {
  let statements = new Map<string, number>();
  knex.on('query', ({ sql }: { sql: string }) => {
    const verb = sql.trim().split(/[\s;]/)[0].toLowerCase();
    const table = /\b(?:from|into|update)\s+[`"]?(\w+)/i.exec(sql)?.[1];
    const columns = /\bset\s+(.*?)\s+where\b/i
      .exec(sql)?.[1]
      .match(/[`"]?(\w+)[`"]?\s*=/g)
      ?.map(c => c.replace(/[`"=\s]/g, ''));
    const name = [verb, table, columns && `(${columns.join(', ')})`]
      .filter(Boolean)
      .join(' ');
    statements.set(name, (statements.get(name) ?? 0) + 1);
  });
  return {
    take: () => {
      const taken = statements;
      statements = new Map();
      return taken;
    },
  };
}

/** How the engine writes one resource's observed state. */
const OBSERVATION_WRITE = 'update resources (observed)';

const total = (counts: Map<string, number>) =>
  [...counts.values()].reduce((a, b) => a + b, 0);

async function openFindings(knex: Knex): Promise<Array<[string, string]>> {
  const rows = await knex('findings').whereNull('resolved_at');
  return rows.map((r: any) => [r.rule, r.field]);
}

async function run(resources: number) {
  const scratch = mkdtempSync(join(tmpdir(), 'paved-bench-gitops-'));
  const gitDir = join(scratch, 'git', `${REPOSITORY}.git`);
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const backend = await startTestBackend({
    features: [
      environmentsPlugin,
      gitopsModule,
      heldScheduler(tasks),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.database.factory({ knex }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          localGit: { directory: join(scratch, 'git') },
          environments: {
            secrets: { key: Buffer.alloc(32, 5).toString('base64') },
            providers: {
              gitops: {
                targets: {
                  local: {
                    cluster: CLUSTER,
                    localGit: { repository: REPOSITORY },
                  },
                },
              },
            },
            ...ENVIRONMENTS_CONFIG,
          },
        },
      }),
    ],
  });
  const reconcile = tasks.get('environments-reconciler');
  if (!reconcile) throw new Error('No environments-reconciler task');
  const gitCommands = countGit();
  const statements = countStatements(knex);
  try {
    const files = await seed(knex, gitDir, resources);
    const timedPass = async () => {
      statements.take();
      gitCommands.take();
      const wallMs = await timed(async () =>
        reconcile(new AbortController().signal),
      );
      const commands = gitCommands.take();
      const sql = statements.take();
      return {
        wallMs,
        sql,
        statements: total(sql),
        reads: commands.get('ls-tree') ?? 0,
        commands,
        findings: await openFindings(knex),
      };
    };
    const first = await timedPass();
    handEdit(gitDir, join(scratch, 'work'));
    const afterEdit = await timedPass();
    const unchanged = await timedPass();
    // Three floors, the median, for a shared machine.
    const floors = [];
    for (let i = 0; i < 3; i++) floors.push(await floor(gitDir, scratch));
    const median = percentile(
      floors.map(f => f.fetchAndReadMs),
      50,
    );
    return {
      resources,
      files,
      first,
      afterEdit,
      unchanged,
      floor: floors.find(f => f.fetchAndReadMs === median)!,
    };
  } finally {
    gitCommands.restore();
    await backend.stop();
    await knex.destroy();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const countList = (commands: Map<string, number>) =>
  [...commands]
    .sort()
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ') || 'none';

async function main() {
  console.log(
    'One gitops target, one repository; each namespace its six rendered files. Passes: the first, one after a hand edit of one quota, one with nothing new.',
  );
  const results: Array<Awaited<ReturnType<typeof run>>> = [];
  for (const n of RESOURCE_COUNTS) {
    const r = await run(n);
    results.push(r);
    const f = r.floor;
    console.log(
      `${String(n).padStart(5)} namespaces (${r.files} files): ` +
        `pass ${ms(r.first.wallMs)} (git reads ${r.first.reads}, ${
          r.first.statements
        } SQL statements), ` +
        `after the hand edit ${ms(r.afterEdit.wallMs)} (git reads ${
          r.afterEdit.reads
        }, ${r.afterEdit.statements} SQL statements, findings ${
          r.afterEdit.findings
            .map(([rule, field]) => `${rule} ${field}`)
            .join('; ') || 'none'
        }), ` +
        `nothing new ${ms(r.unchanged.wallMs)} (git reads ${
          r.unchanged.reads
        }, ${r.unchanged.statements} SQL statements)`,
    );
    console.log(
      `        in the pass after the edit: git ${countList(
        r.afterEdit.commands,
      )}; SQL ${countList(r.afterEdit.sql)}`,
    );
    console.log(
      `        floor: git fetch + ls-tree -r + cat-file --batch of ${
        f.blobs
      } blobs ${ms(f.fetchAndReadMs)} (tree read alone ${ms(
        f.readMs,
      )}); the pass after the edit is ${(
        r.afterEdit.wallMs / f.fetchAndReadMs
      ).toFixed(2)}x the fetch + read, ${(
        r.afterEdit.wallMs / f.readMs
      ).toFixed(1)}x the read alone`,
    );
  }
  const reads = new Set(
    results.flatMap(r => [r.first.reads, r.afterEdit.reads]),
  );
  const grew = reads.size !== 1 || !reads.has(1);
  const missed = results.filter(
    r =>
      r.first.findings.length ||
      !r.afterEdit.findings.some(([rule]) => rule === 'kubernetes.quota'),
  );
  console.log(
    grew
      ? `The git reads per pass GREW or were not one per target: ${results
          .map(r => `${r.resources}: ${r.first.reads}/${r.afterEdit.reads}`)
          .join('; ')}.`
      : `One git read (ls-tree + cat-file --batch) per pass with a new commit, none without, at ${RESOURCE_COUNTS.join(
          ' and ',
        )} namespaces.`,
  );
  // The hand edit changed one namespace: one observation written, whatever the fleet.
  const written = (r: (typeof results)[number]) =>
    r.afterEdit.sql.get(OBSERVATION_WRITE) ?? 0;
  const rewrote = results.filter(r => written(r) !== 1);
  console.log(
    rewrote.length
      ? `The pass after the hand edit REWROTE observations of untouched resources: ${results
          .map(r => `${r.resources}: ${written(r)}`)
          .join('; ')}.`
      : `One observation written after the hand edit of one namespace, at ${RESOURCE_COUNTS.join(
          ' and ',
        )} namespaces.`,
  );
  if (missed.length) {
    console.log(
      `Findings were not as expected (none on the seed, the quota after the edit) at ${missed
        .map(r => r.resources)
        .join(', ')} namespaces.`,
    );
  }
  if (grew || rewrote.length || missed.length) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
