import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import {
  ChangeRequest,
  ChangeRequestHost,
  repositoryPath,
} from './ChangeRequestHost';

/** Pull requests on GitHub (or GitHub Enterprise) with the integration's credentials. */
export class GithubHost implements ChangeRequestHost {
  private readonly owner: string;
  private readonly repo: string;
  private readonly credentials: DefaultGithubCredentialsProvider;

  constructor(
    private readonly url: string,
    private readonly integrations: ScmIntegrationRegistry,
  ) {
    [this.owner, this.repo] = repositoryPath(url).split('/');
    this.credentials =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  }

  async find(branch: string): Promise<ChangeRequest | undefined> {
    const client = await this.client();
    const { data } = await client.pulls.list({
      owner: this.owner,
      repo: this.repo,
      head: `${this.owner}:${branch}`,
      state: 'all',
      sort: 'created',
      direction: 'desc',
      per_page: 1,
    });
    return data[0] && toChangeRequest(data[0]);
  }

  async open(request: {
    branch: string;
    base: string;
    title: string;
    body: string;
  }): Promise<ChangeRequest> {
    const client = await this.client();
    const { data } = await client.pulls.create({
      owner: this.owner,
      repo: this.repo,
      head: request.branch,
      base: request.base,
      title: request.title,
      body: request.body,
    });
    return toChangeRequest(data);
  }

  async gitCredentials() {
    const { token } = await this.credentials.getCredentials({ url: this.url });
    return token ? { username: 'x-access-token', password: token } : undefined;
  }

  treeUrl(commit: string, path: string): string {
    return `${this.url.replace(/\/+$/, '')}/tree/${commit}/${path}`;
  }

  // A new client per call: GitHub App tokens expire, the provider hands out fresh ones.
  private async client(): Promise<Octokit> {
    const { token } = await this.credentials.getCredentials({ url: this.url });
    const config = this.integrations.github.byUrl(this.url)?.config;
    return new Octokit({ auth: token, baseUrl: config?.apiBaseUrl });
  }
}

function toChangeRequest(pr: {
  html_url: string;
  state: string;
  merged_at: string | null;
  created_at: string;
  merge_commit_sha: string | null;
}): ChangeRequest {
  let state: ChangeRequest['state'] = 'open';
  if (pr.merged_at) state = 'merged';
  else if (pr.state === 'closed') state = 'closed';
  return {
    url: pr.html_url,
    state,
    createdAt: pr.created_at,
    mergeCommit: pr.merge_commit_sha ?? undefined,
  };
}
