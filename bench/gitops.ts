/*
 * Benchmark of one drift-reconciler pass over N kubernetes-namespace resources delivered
 * to one GitOps repository (the real environments plugin and gitops module, the
 * repository a bare one as the portal's local git host keeps it). Prints, per pass, the
 * wall time, the SQL statements to the plugin's own database and the git commands, by
 * kind: the module must read the repository once per target per new commit (one
 * `ls-tree` and one `cat-file --batch`), however many resources it holds.
 *
 * The floor, measured in the same run on the same repository: a plain `git fetch` of it
 * into an empty repository followed by a full tree read (`git ls-tree -r` and one
 * `git cat-file --batch`), which is what any reader of a remote repository pays; and the
 * tree read alone, which is what a reader of a local one pays.
 *
 * The repository is seeded with the module's own rendering of every namespace in one
 * commit (through `git fast-import`), so a pass finds nothing but the one hand edit the
 * benchmark commits before the second pass.
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
import gitopsModule, {
  renderNamespace,
  validateNamespaceSpec,
} from '@paved/plugin-environments-backend-module-gitops';
import knexFactory, { Knex } from 'knex';
import childProcess, { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Not public API: the bench builds the parent kustomization exactly as the module does.
import { updateParentKustomization } from '../plugins/environments-backend-module-gitops/src/render/kustomization';
import { heldScheduler, rule } from './lib/harness';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const RESOURCE_COUNTS = SIZES.length ? SIZES : [100, 1_000];
const REPOSITORY = 'platform-gitops';
const BRANCH = 'main';
const CLUSTER = 'bench';
const ROOT = `clusters/${CLUSTER}/namespaces`;

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

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (args: string[], input?: string | Buffer) =>
  execFileSync('git', args, {
    env: GIT_ENV,
    input,
    maxBuffer: 1 << 30,
  });

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

/** Statements to the plugin's own database, counted by knex. */
function countStatements(knex: Knex) {
  let statements = 0;
  knex.on('query', () => {
    statements += 1;
  });
  return {
    take: () => {
      const n = statements;
      statements = 0;
      return n;
    },
  };
}

/** Holds the plugin's scheduled tasks so the bench runs one pass at a time. */

/**
 * N environments with one namespace each in the database, and the module's rendering of
 * every one of them in the repository, written as a single commit.
 */
async function seed(knex: Knex, gitDir: string, resources: number) {
  const now = new Date().toISOString();
  const spec = validateNamespaceSpec({});
  const environments: object[] = [];
  const rows: object[] = [];
  const files = new Map<string, string>();
  let parent: string | undefined;
  for (let i = 0; i < resources; i++) {
    const environment = `env-${i}`;
    const entityRef = `component:default/svc-${i}`;
    const owner = 'group:default/bench';
    environments.push({
      id: environment,
      name: environment,
      class: 'dev',
      tier: 'development',
      lifecycle: 'static',
      owner,
      entity_ref: entityRef,
      created_by: 'user:default/bench',
      status: 'ready',
      created_at: now,
      updated_at: now,
    });
    rows.push({
      id: randomUUID(),
      environment_id: environment,
      type: 'kubernetes-namespace',
      name: 'ns',
      provider: 'gitops',
      target: 'local',
      status: 'ready',
      spec: JSON.stringify(spec),
      outputs: '{}',
      created_at: now,
      updated_at: now,
    });
    const namespace = `${environment}-ns`;
    const path = `${ROOT}/${namespace}`;
    const rendered = renderNamespace(
      spec,
      {
        cluster: CLUSTER,
        namespace,
        environment,
        entityRef,
        owner,
        tier: 'development',
      },
      path,
    );
    for (const [name, content] of Object.entries(rendered.files)) {
      files.set(`${path}/${name}`, content);
    }
    parent = updateParentKustomization(parent, namespace, 'add');
  }
  files.set(`${ROOT}/kustomization.yaml`, parent!);
  for (let i = 0; i < environments.length; i += 500) {
    await knex('environments').insert(environments.slice(i, i + 500));
    await knex('resources').insert(rows.slice(i, i + 500));
  }

  const stream: string[] = [
    `commit refs/heads/${BRANCH}`,
    `committer Bench <bench@example.com> ${Math.floor(
      Date.now() / 1000,
    )} +0000`,
    'data 17',
    'Seed namespaces\n',
  ];
  for (const [path, content] of files) {
    stream.push(
      `M 100644 inline ${path}`,
      `data ${Buffer.byteLength(content)}`,
      content,
    );
  }
  git(
    ['--git-dir', gitDir, 'fast-import', '--quiet'],
    `${stream.join('\n')}\n`,
  );
  return files.size;
}

/** A hand edit of one namespace's quota, committed to the repository from a clone. */
function handEdit(gitDir: string, work: string) {
  git(['clone', '--quiet', gitDir, work]);
  const file = `${ROOT}/env-0-ns/resourcequota.yaml`;
  const current = git(['-C', work, 'show', `HEAD:${file}`]).toString('utf8');
  const edited = current.replace(/pods: "\d+"/, 'pods: "500"');
  if (edited === current) throw new Error(`No pods quota in ${file}`);
  writeFileSync(join(work, file), edited);
  git(['-C', work, 'commit', '--quiet', '-am', 'More pods by hand']);
  git(['-C', work, 'push', '--quiet', 'origin', `HEAD:${BRANCH}`]);
}

/** The floor: fetch the repository into an empty one, then read its whole tree. */
function floor(gitDir: string, scratch: string) {
  const into = join(scratch, `fetch-${randomUUID()}.git`);
  git(['init', '--quiet', '--bare', into]);
  const started = process.hrtime.bigint();
  git(['--git-dir', into, 'fetch', '--quiet', gitDir, `${BRANCH}:${BRANCH}`]);
  const fetchedAt = process.hrtime.bigint();
  const blobs = readTree(into);
  const done = process.hrtime.bigint();
  rmSync(into, { recursive: true, force: true });
  return {
    fetchAndReadMs: Number(done - started) / 1e6,
    readMs: Number(done - fetchedAt) / 1e6,
    blobs,
  };
}

function readTree(gitDir: string): number {
  const listing = git(['--git-dir', gitDir, 'ls-tree', '-r', BRANCH])
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => line.split(/\s+/)[2]);
  git(['--git-dir', gitDir, 'cat-file', '--batch'], `${listing.join('\n')}\n`);
  return listing.length;
}

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
      const start = process.hrtime.bigint();
      await reconcile(new AbortController().signal);
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const commands = gitCommands.take();
      return {
        wallMs,
        statements: statements.take(),
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
    const floors = [0, 1, 2]
      .map(() => floor(gitDir, scratch))
      .sort((a, b) => a.fetchAndReadMs - b.fetchAndReadMs);
    return { resources, files, first, afterEdit, unchanged, floor: floors[1] };
  } finally {
    gitCommands.restore();
    await backend.stop();
    await knex.destroy();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const commandList = (commands: Map<string, number>) =>
  [...commands]
    .sort()
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ') || 'none';

async function main() {
  console.log(
    'One gitops target, one repository; each namespace its six rendered files. Passes: the first, one after a hand edit of one quota, one with nothing new.',
  );
  const results = [];
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
      `        git commands in the pass after the edit: ${commandList(
        r.afterEdit.commands,
      )}`,
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
  if (missed.length) {
    console.log(
      `Findings were not as expected (none on the seed, the quota after the edit) at ${missed
        .map(r => r.resources)
        .join(', ')} namespaces.`,
    );
  }
  if (grew || missed.length) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
