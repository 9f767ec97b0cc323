import { PendingProviderError } from '@paved/plugin-environments-node';
import { GitRepository, GitAuthor } from '../git/GitRepository';
import { fetchBranch, pushBranch, startBranch } from '../git/remoteGit';
import { ChangeRequest, ChangeRequestHost } from './ChangeRequestHost';

/** How a pull-request target waits for review. */
export interface ReviewWait {
  /** From the change request's opening; past it the operation fails. */
  timeoutMs: number;
  /** How long until the engine asks again. */
  checkEveryMs: number;
}

export interface RemoteRepository {
  host: ChangeRequestHost;
  cloneUrl: string;
  wait: ReviewWait;
}

/** Makes the local copy's base branch what the remote has; one fetch. */
export async function syncRemote(
  repository: GitRepository,
  remote: RemoteRepository,
  branch: string,
): Promise<void> {
  await fetchBranch(
    repository.gitDir,
    remote.cloneUrl,
    branch,
    await remote.host.gitCredentials(),
  );
}

/**
 * One operation's change through a pull or merge request: find the one already opened
 * from the operation's branch (a retry, or a crash after opening it), else push the
 * branch and open it; then finish once it is merged, fail once it is closed or has
 * waited too long, and otherwise tell the engine to ask again later.
 *
 * `changes` are computed against the base branch as just fetched. Returns the merge
 * commit, or the base's commit when there was nothing to change.
 */
export async function deliverByPullRequest(options: {
  repository: GitRepository;
  remote: RemoteRepository;
  base: string;
  branch: string;
  changes: () => Promise<{
    head?: string;
    changes: Record<string, string | null>;
    commit: { author: GitAuthor; message: string };
    text: { title: string; body: string };
  }>;
  waitingOutputs: (url: string) => Record<string, string>;
}): Promise<{ commit?: string }> {
  const { repository, remote, base, branch } = options;
  let request = await remote.host.find(branch);
  if (!request) {
    await syncRemote(repository, remote, base);
    const { head, changes, commit, text } = await options.changes();
    if (!Object.keys(changes).length) return { commit: head };
    await startBranch(repository.gitDir, branch, head);
    await repository.commit({ branch, changes, ...commit });
    await pushBranch(
      repository.gitDir,
      remote.cloneUrl,
      branch,
      await remote.host.gitCredentials(),
    );
    request = await remote.host.open({ branch, base, ...text });
  }
  return outcome(request, remote.wait, options.waitingOutputs);
}

function outcome(
  request: ChangeRequest,
  wait: ReviewWait,
  waitingOutputs: (url: string) => Record<string, string>,
): { commit?: string } {
  if (request.state === 'merged') return { commit: request.mergeCommit };
  if (request.state === 'closed') {
    throw new Error(
      `The change request ${request.url} was closed without being merged, so nothing was applied; ask again to open a new one`,
    );
  }
  const waited = Date.now() - Date.parse(request.createdAt);
  if (waited > wait.timeoutMs) {
    const days = Math.round(wait.timeoutMs / 86_400_000);
    throw new Error(
      `The change request ${request.url} was not merged within ${days} days; merge it and ask again, or close it`,
    );
  }
  throw new PendingProviderError(`waiting for review: ${request.url}`, {
    checkAfterMs: wait.checkEveryMs,
    outputs: waitingOutputs(request.url),
  });
}
