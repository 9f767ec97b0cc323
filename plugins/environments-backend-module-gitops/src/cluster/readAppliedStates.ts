import { ResourceObservation } from '@paved/plugin-environments-node';
import { GitCommandError, runGit } from '../git/runGit';
import { ClusterReadError, ClusterSyncReader } from './ClusterSyncReader';
import { sourceFor, SyncSource } from './syncSources';

/** The words for a namespace's folder: what the cluster has applied of it. */
export type AppliedStates = (folder: string) => string;

/**
 * What the cluster has applied of each namespace, read once for a target: one Kubernetes
 * request, and, when the cluster is behind the branch, one `git log` of what changed since
 * the commit it is at. A namespace whose folder did not change since then is applied; one
 * that did is not yet. A cluster that cannot be read says so in every namespace's words,
 * and the pass goes on.
 */
export async function readAppliedStates(options: {
  reader: ClusterSyncReader;
  gitDir: string;
  /** The branch's head, as the pass read it. */
  head?: string;
  /** The folder holding the target's namespaces. */
  root: string;
}): Promise<AppliedStates> {
  const { reader, gitDir, head, root } = options;
  let sources: SyncSource[];
  try {
    sources = await reader.read();
  } catch (error) {
    if (!(error instanceof ClusterReadError)) throw error;
    return () => `unknown: ${error.message}`;
  }
  const changedSince = new Map<string, string[] | undefined>();
  for (const { appliedRevision: revision } of sources) {
    if (!revision || changedSince.has(revision)) continue;
    changedSince.set(
      revision,
      revision === head || !head
        ? []
        : await changedPaths(gitDir, revision, head, root),
    );
  }
  return folder => {
    const source = sourceFor(sources, folder);
    if (!source)
      return `unknown: ${
        sources.length
          ? `${sources
              .map(s => `${s.label} applies ${s.path || '.'}/`)
              .join(', ')}, not ${folder}/`
          : `no ${reader.subject} found`
      }`;
    const revision = source.appliedRevision;
    if (!revision)
      return `not yet applied (nothing applied yet); ${source.label}: ${source.state}`;
    const at = revision.slice(0, 12);
    const changed = changedSince.get(revision);
    if (changed === undefined)
      return `unknown: the cluster is at ${at}, a commit this repository's branch does not have; ${source.label}: ${source.state}`;
    const applied = !changed.some(path => path.startsWith(`${folder}/`));
    return `${
      applied ? `applied ${at}` : `not yet applied (cluster at ${at})`
    }; ${source.label}: ${source.state}`;
  };
}

/** The files below `root` changed between `from` and `to`; undefined if git lacks `from`. */
async function changedPaths(
  gitDir: string,
  from: string,
  to: string,
  root: string,
): Promise<string[] | undefined> {
  try {
    const out = await runGit([
      '--git-dir',
      gitDir,
      'log',
      '--format=',
      '--name-only',
      '--no-renames',
      `${from}..${to}`,
      '--',
      root || '.',
    ]);
    return out.toString('utf8').split('\n').filter(Boolean);
  } catch (error) {
    if (error instanceof GitCommandError) return undefined;
    throw error;
  }
}

/** An observation with the namespace's applied state, when its target has a cluster. */
export function withAppliedState(
  observation: ResourceObservation,
  appliedState: string | undefined,
): ResourceObservation {
  if (appliedState === undefined) return observation;
  return {
    ...observation,
    observed: { ...observation.observed, appliedState },
  };
}
