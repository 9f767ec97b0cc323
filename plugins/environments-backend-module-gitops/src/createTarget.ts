import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { LocalGitService } from '@paved/plugin-local-git-backend';
import os from 'node:os';
import { join } from 'node:path';
import { GitRepository } from './git/GitRepository';
import { GitopsTarget } from './GitopsTarget';
import { createChangeRequestHost } from './pullRequests/createChangeRequestHost';
import { GitopsTargetConfig } from './readGitopsTargets';

const DAY_MS = 86_400_000;

/**
 * A target with its repository: one of the local git host's, or a local copy of the GitHub
 * or GitLab repository, fetched before each read and pushed from.
 */
export function createTarget(
  config: GitopsTargetConfig,
  options: {
    localGit: LocalGitService;
    integrations?: ScmIntegrationRegistry;
    cacheDir?: string;
  },
): GitopsTarget {
  if (config.remote) {
    if (!options.integrations) {
      throw new InputError(
        `${config.configKey}.remote needs the integrations config (integrations.github or integrations.gitlab)`,
      );
    }
    const host = createChangeRequestHost(
      config.remote.url,
      options.integrations,
      `${config.configKey}.remote.url`,
    );
    const cacheDir = options.cacheDir ?? join(os.tmpdir(), 'paved-gitops');
    return new GitopsTarget(
      config,
      new GitRepository(join(cacheDir, `${config.name}.git`)),
      { cloneUrl: config.remote.url, treeUrl: (c, p) => host.treeUrl(c, p) },
      {
        host,
        cloneUrl: config.remote.cloneUrl,
        wait: {
          timeoutMs: (config.pullRequest?.waitDays ?? 7) * DAY_MS,
          checkEveryMs: (config.pullRequest?.checkEveryMinutes ?? 2) * 60_000,
        },
      },
    );
  }
  const { repositories, urls } = options.localGit;
  const repository = config.localGit!.repository;
  return new GitopsTarget(
    config,
    new GitRepository(repositories.gitDir(repository)),
    {
      cloneUrl: urls.cloneUrl(repository),
      treeUrl: (commit, path) => urls.treeUrl(repository, commit, path),
    },
  );
}
