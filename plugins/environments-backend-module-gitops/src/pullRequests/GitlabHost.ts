import {
  DefaultGitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Gitlab } from '@gitbeaker/rest';
import {
  ChangeRequest,
  ChangeRequestHost,
  repositoryPath,
} from './ChangeRequestHost';

/** Merge requests on GitLab (or a self-managed instance) with the integration's token. */
export class GitlabHost implements ChangeRequestHost {
  private readonly project: string;
  private readonly credentials: DefaultGitlabCredentialsProvider;

  constructor(
    private readonly url: string,
    private readonly integrations: ScmIntegrationRegistry,
  ) {
    this.project = repositoryPath(url);
    this.credentials =
      DefaultGitlabCredentialsProvider.fromIntegrations(integrations);
  }

  async find(branch: string): Promise<ChangeRequest | undefined> {
    const found = await (
      await this.client()
    ).MergeRequests.all({
      projectId: this.project,
      sourceBranch: branch,
      orderBy: 'created_at',
      sort: 'desc',
      perPage: 1,
      maxPages: 1,
    });
    return found[0] && toChangeRequest(found[0] as any);
  }

  async open(request: {
    branch: string;
    base: string;
    title: string;
    body: string;
  }): Promise<ChangeRequest> {
    const created = await (
      await this.client()
    ).MergeRequests.create(
      this.project,
      request.branch,
      request.base,
      request.title,
      { description: request.body },
    );
    return toChangeRequest(created as any);
  }

  async gitCredentials() {
    const { token } = await this.credentials.getCredentials({ url: this.url });
    return token ? { username: 'oauth2', password: token } : undefined;
  }

  treeUrl(commit: string, path: string): string {
    return `${this.url.replace(/\/+$/, '')}/-/tree/${commit}/${path}`;
  }

  private async client() {
    const { token } = await this.credentials.getCredentials({ url: this.url });
    const config = this.integrations.gitlab.byUrl(this.url)?.config;
    return new Gitlab({
      host: config?.baseUrl ?? new URL(this.url).origin,
      token: token ?? '',
      rateLimits: {},
    });
  }
}

function toChangeRequest(mr: {
  web_url: string;
  state: string;
  created_at: string;
  merge_commit_sha?: string | null;
  squash_commit_sha?: string | null;
}): ChangeRequest {
  let state: ChangeRequest['state'] = 'open';
  if (mr.state === 'merged') state = 'merged';
  else if (mr.state === 'closed') state = 'closed';
  return {
    url: mr.web_url,
    state,
    createdAt: mr.created_at,
    mergeCommit: mr.merge_commit_sha ?? mr.squash_commit_sha ?? undefined,
  };
}
