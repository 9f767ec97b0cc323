import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { ChangeRequestHost } from './ChangeRequestHost';
import { GithubHost } from './GithubHost';
import { GitlabHost } from './GitlabHost';

/** The GitHub or GitLab client for a repository URL, by the integration that covers it. */
export function createChangeRequestHost(
  url: string,
  integrations: ScmIntegrationRegistry,
  configKey: string,
): ChangeRequestHost {
  const integration = integrations.byUrl(url);
  if (integration?.type === 'github') return new GithubHost(url, integrations);
  if (integration?.type === 'gitlab') return new GitlabHost(url, integrations);
  throw new InputError(
    `${configKey}: ${url} is on no GitHub or GitLab host of integrations (add it under integrations.github or integrations.gitlab)`,
  );
}
