/*
 * The gitops bench's data and repository: N environments with one kubernetes-namespace
 * each in the plugin's database, the module's rendering of every namespace in a bare
 * repository (one commit, through `git fast-import`), the hand edit the bench commits
 * between passes, and the floor any reader of the repository pays.
 */
import {
  renderNamespace,
  validateNamespaceSpec,
} from '@paved/plugin-environments-backend-module-gitops';
import { Knex } from 'knex';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { timed } from './lib/harness';

const BRANCH = 'main';
export const CLUSTER = 'bench';
const ROOT = `clusters/${CLUSTER}/namespaces`;
const OWNER = 'group:default/bench';

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

/** Git run synchronously (so the bench's own commands are not counted as the module's). */
const git = (args: string[], input?: string | Buffer) =>
  execFileSync('git', args, { env: GIT_ENV, input, maxBuffer: 1 << 30 });

/**
 * The parent kustomization listing every namespace folder, written as the module writes
 * one (keys sorted, no line folding) so the seed is what the module itself would commit.
 */
function parentKustomization(namespaces: string[]): string {
  return stringify(
    {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [...namespaces].sort(),
    },
    { sortMapEntries: true, lineWidth: 0, indent: 2 },
  );
}

/**
 * N environments of class `dev` with one namespace each in the database, and the module's
 * rendering of every one of them in the repository at `gitDir`, written as a single
 * commit. Returns how many files the commit holds.
 */
export async function seed(
  knex: Knex,
  gitDir: string,
  resources: number,
): Promise<number> {
  const now = new Date().toISOString();
  const spec = validateNamespaceSpec({});
  const environments: object[] = [];
  const rows: object[] = [];
  const files = new Map<string, string>();
  const namespaces: string[] = [];
  for (let i = 0; i < resources; i++) {
    const environment = `env-${i}`;
    const entityRef = `component:default/svc-${i}`;
    environments.push({
      id: environment,
      name: environment,
      class: 'dev',
      tier: 'development',
      lifecycle: 'static',
      owner: OWNER,
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
    const context = {
      cluster: CLUSTER,
      namespace,
      environment,
      entityRef,
      owner: OWNER,
      tier: 'development',
    };
    for (const [name, content] of Object.entries(
      renderNamespace(spec, context, path).files,
    )) {
      files.set(`${path}/${name}`, content);
    }
    namespaces.push(namespace);
  }
  files.set(`${ROOT}/kustomization.yaml`, parentKustomization(namespaces));
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

/** A hand edit of the first namespace's quota, committed to the repository from a clone. */
export function handEdit(gitDir: string, work: string): void {
  git(['clone', '--quiet', gitDir, work]);
  const file = `${ROOT}/env-0-ns/resourcequota.yaml`;
  const current = git(['-C', work, 'show', `HEAD:${file}`]).toString('utf8');
  const edited = current.replace(/pods: "\d+"/, 'pods: "500"');
  if (edited === current) throw new Error(`No pods quota in ${file}`);
  writeFileSync(join(work, file), edited);
  git(['-C', work, 'commit', '--quiet', '-am', 'More pods by hand']);
  git(['-C', work, 'push', '--quiet', 'origin', `HEAD:${BRANCH}`]);
}

/**
 * The floor: fetch the repository into an empty one, then read its whole tree
 * (`ls-tree -r` and one `cat-file --batch`), which is what any reader of a remote
 * repository pays; the read alone is what a reader of a local one pays.
 */
export async function floor(gitDir: string, scratch: string) {
  const into = join(scratch, `fetch-${randomUUID()}.git`);
  git(['init', '--quiet', '--bare', into]);
  try {
    const fetchMs = await timed(async () =>
      git([
        '--git-dir',
        into,
        'fetch',
        '--quiet',
        gitDir,
        `${BRANCH}:${BRANCH}`,
      ]),
    );
    let blobs = 0;
    const readMs = await timed(async () => {
      blobs = readTree(into);
    });
    return { fetchAndReadMs: fetchMs + readMs, readMs, blobs };
  } finally {
    rmSync(into, { recursive: true, force: true });
  }
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
