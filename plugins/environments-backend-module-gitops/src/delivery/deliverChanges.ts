import { ApplyRequest, DestroyRequest } from '@paved/plugin-environments-node';
import { GitopsTarget } from '../GitopsTarget';
import {
  changeRequestText,
  operationBranch,
  portalLink,
} from '../pullRequests/changeRequestText';
import { deliverByPullRequest } from '../pullRequests/deliverByPullRequest';
import { NamespaceContext } from '../render/NamespaceContext';
import { AuthorResolver } from './authors';
import { commitMessage, operationTrailers } from './commitMessage';
import { deliverByPush } from './deliverByPush';
import { parentKustomizationPath } from './namespaceChanges';

export type Verb = 'Add' | 'Update' | 'Remove';

/** What to change, worked out from the folder's files and its parent kustomization. */
export type ComputeChanges = (files: Map<string, string>) => {
  changes: Record<string, string | null>;
  verb: Verb;
};

/**
 * Puts one operation's change to one namespace into the target's repository: a commit on
 * the branch (found again by its trailers on a retry; on GitHub or GitLab pushed to it), or
 * in pull-request mode a change request from the operation's branch that is merged before
 * this returns. Returns the commit the folder is at.
 */
export async function deliverChanges(options: {
  target: GitopsTarget;
  request: ApplyRequest | DestroyRequest;
  context: NamespaceContext;
  compute: ComputeChanges;
  authors: AuthorResolver;
  baseUrl?: string;
  waitingOutputs: (url: string) => Record<string, string>;
}): Promise<string | undefined> {
  const { target, request, context, compute } = options;
  const folder = target.folder(context.namespace);
  const requestedBy = request.operation?.requestedBy ?? 'paved:provider';
  const read = async () => {
    const head = await target.head();
    const files = await target.repository.readFiles(head, [
      folder.path,
      parentKustomizationPath(folder),
    ]);
    return { head, ...compute(files) };
  };
  const message = (verb: Verb) =>
    commitMessage({
      verb,
      context,
      requestedBy,
      operation: request.operation,
      resource: request.resource,
    });

  if (target.remote && target.config.mode === 'pull-request') {
    const { commit } = await deliverByPullRequest({
      repository: target.repository,
      remote: target.remote,
      base: target.config.branch,
      branch: operationBranch(request.operation, request.resource),
      changes: async () => {
        const { head, changes, verb } = await read();
        return {
          head,
          changes,
          commit: {
            author: await options.authors(requestedBy),
            message: message(verb),
          },
          text: changeRequestText({
            verb,
            context,
            requestedBy,
            environmentUrl: portalLink(options.baseUrl, context.entityRef),
          }),
        };
      },
      waitingOutputs: options.waitingOutputs,
    });
    return commit;
  }

  // One commit per operation: a retry finds the earlier attempt's by its trailers.
  const commitOnBranch = async () => {
    if (request.operation) {
      const done = await target.repository.findCommit(
        target.config.branch,
        operationTrailers(request.operation, request.resource),
      );
      if (done) return { commit: done, changed: false };
    }
    const { changes, verb } = await read();
    if (!Object.keys(changes).length) {
      const commit = await target.repository.lastCommitTouching(
        target.config.branch,
        folder.path,
      );
      return { commit, changed: false };
    }
    return target.repository.commit({
      branch: target.config.branch,
      changes,
      author: await options.authors(requestedBy),
      message: message(verb),
    });
  };
  if (target.remote) {
    return deliverByPush({
      repository: target.repository,
      remote: target.remote,
      branch: target.config.branch,
      commitOnBranch,
    });
  }
  return (await commitOnBranch()).commit;
}
