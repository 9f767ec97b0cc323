import { mockServices } from '@backstage/backend-test-utils';
import {
  LocalGitRepositories,
  LocalGitUrls,
} from '@paved/plugin-local-git-backend';
import { ProvisionedResource } from '@paved/plugin-environments-node';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitopsProvider } from '../GitopsProvider';
import { DEFAULT_PATH_TEMPLATE } from '../naming';

export const BASE_URL = 'http://localhost:7007/api/local-git';
export const logger = mockServices.logger.mock();

const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Someone By Hand',
  GIT_AUTHOR_EMAIL: 'hand@example.com',
  GIT_COMMITTER_NAME: 'Someone By Hand',
  GIT_COMMITTER_EMAIL: 'hand@example.com',
};

export function git(args: string[], cwd?: string): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });
}

/** A provider over real bare repositories in a fresh folder, with one target `local`. */
export async function startGitops() {
  const root = mkdtempSync(join(tmpdir(), 'paved-gitops-'));
  const repositories = new LocalGitRepositories(join(root, 'git'));
  const provider = await GitopsProvider.create({
    targets: [
      {
        name: 'local',
        configKey: 'environments.providers.gitops.targets.local',
        cluster: 'local',
        mode: 'commit',
        branch: 'main',
        pathTemplate: DEFAULT_PATH_TEMPLATE,
        localGit: { repository: 'platform-gitops' },
      },
    ],
    localGit: { repositories, urls: new LocalGitUrls(BASE_URL) },
    logger,
  });
  const gitDir = repositories.gitDir('platform-gitops');
  return {
    provider,
    gitDir,
    /** How many commits main has. */
    commitCount: () =>
      Number(git(['--git-dir', gitDir, 'rev-list', '--count', 'main']).trim()),
    /** A clone of the repository, as a developer would make one. */
    clone: () => {
      const dir = mkdtempSync(join(root, 'clone-'));
      git(['clone', '--quiet', gitDir, dir]);
      return dir;
    },
    /** Commits a change by hand and pushes it, as someone with push rights would. */
    editByHand: (
      path: string,
      edit: (text: string | undefined) => string | null,
    ) => {
      const dir = mkdtempSync(join(root, 'hand-'));
      git(['clone', '--quiet', gitDir, dir]);
      const file = join(dir, path);
      let before: string | undefined;
      try {
        before = readFileSync(file, 'utf8');
      } catch {
        before = undefined;
      }
      const after = edit(before);
      if (after === null) git(['rm', '--quiet', path], dir);
      else {
        writeFileSync(file, after);
        git(['add', path], dir);
      }
      git(['commit', '--quiet', '-m', `Edit ${path} by hand`], dir);
      git(['push', '--quiet', 'origin', 'HEAD:main'], dir);
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function newResource(
  overrides: Partial<ProvisionedResource> = {},
): ProvisionedResource {
  return {
    id: '3f1c9a52-0000-4000-8000-000000000001',
    name: 'app',
    environmentName: 'pr-42',
    entityRef: 'component:default/checkout-api',
    owner: 'group:default/checkout-team',
    tier: 'preview',
    expiresAt: '2026-11-20T15:30:00.000Z',
    ...overrides,
  };
}
