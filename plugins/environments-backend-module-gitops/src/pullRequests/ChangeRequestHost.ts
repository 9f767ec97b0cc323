/** A pull request (GitHub) or merge request (GitLab) as the provider needs to know it. */
export interface ChangeRequest {
  url: string;
  state: 'open' | 'merged' | 'closed';
  /** ISO time it was opened: the wait for review is bounded from it, across restarts. */
  createdAt: string;
  /** The commit that merged it into the base branch. */
  mergeCommit?: string;
}

/** Username and token for `git push` over HTTPS. */
export interface GitCredentials {
  username: string;
  password: string;
}

/** A repository on GitHub or GitLab, reached through Backstage's integrations. */
export interface ChangeRequestHost {
  /** The newest change request from `branch`, whatever its state. */
  find(branch: string): Promise<ChangeRequest | undefined>;
  open(request: {
    branch: string;
    base: string;
    title: string;
    body: string;
  }): Promise<ChangeRequest>;
  gitCredentials(): Promise<GitCredentials | undefined>;
  /** A folder at a commit in the host's web UI. */
  treeUrl(commit: string, path: string): string;
}

/** `owner/repo` or `group/sub/repo` from a repository's web URL. */
export function repositoryPath(url: string): string {
  return new URL(url).pathname.replace(/^\/+|\/+$|\.git$/g, '');
}
