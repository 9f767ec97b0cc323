import { GitRepository } from '../git/GitRepository';
import { fetchBranch, pushFastForward, startBranch } from '../git/remoteGit';
import { RemoteRepository } from '../pullRequests/deliverByPullRequest';

/** Others push to the branch too; each refused push starts over from a fresh fetch. */
const MAX_PUSH_ATTEMPTS = 5;

/**
 * One operation's change as a commit pushed to a GitHub or GitLab branch (`commit` mode):
 * fetch the branch, let `commitOnBranch` find the operation's commit there (an earlier
 * attempt's push landed) or make it on top, and push it without force. A push refused
 * because the branch moved meanwhile fetches and tries again, a bounded number of times;
 * the local commit it made is dropped by the fetch, so only one is ever pushed.
 */
export async function deliverByPush(options: {
  repository: GitRepository;
  remote: RemoteRepository;
  branch: string;
  /** On the local copy of `branch`; `changed` when it made a commit that needs pushing. */
  commitOnBranch: () => Promise<{ commit?: string; changed: boolean }>;
}): Promise<string | undefined> {
  const { repository, remote, branch } = options;
  for (let attempt = 1; ; attempt++) {
    const credentials = await remote.host.gitCredentials();
    const fetched = await fetchBranch(
      repository.gitDir,
      remote.cloneUrl,
      branch,
      credentials,
    );
    // An empty remote: start from nothing, not from an unpushed commit of a failed attempt.
    if (!fetched) await startBranch(repository.gitDir, branch, undefined);
    const { commit, changed } = await options.commitOnBranch();
    if (!changed || !commit) return commit;
    if (
      await pushFastForward(
        repository.gitDir,
        remote.cloneUrl,
        commit,
        branch,
        credentials,
      )
    )
      return commit;
    if (attempt >= MAX_PUSH_ATTEMPTS) {
      throw new Error(
        `${branch} of ${remote.cloneUrl} kept moving while pushing (${MAX_PUSH_ATTEMPTS} attempts); try again`,
      );
    }
  }
}
