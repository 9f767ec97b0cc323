import { GitCredentials } from '../pullRequests/ChangeRequestHost';
import { GitCommandError, runGit } from './runGit';

/** Basic auth for HTTPS remotes, passed per command so no token lands in a config file. */
function authArgs(credentials?: GitCredentials): string[] {
  if (!credentials) return [];
  const basic = Buffer.from(
    `${credentials.username}:${credentials.password}`,
  ).toString('base64');
  return ['-c', `http.extraHeader=Authorization: Basic ${basic}`];
}

/**
 * Makes the local copy's `branch` what the remote has (false when the remote has no such
 * branch yet, as in a new repository).
 */
export async function fetchBranch(
  gitDir: string,
  url: string,
  branch: string,
  credentials?: GitCredentials,
): Promise<boolean> {
  try {
    await runGit([
      ...authArgs(credentials),
      '--git-dir',
      gitDir,
      'fetch',
      '--quiet',
      '--force',
      url,
      `+refs/heads/${branch}:refs/heads/${branch}`,
    ]);
    return true;
  } catch (error) {
    if (
      error instanceof GitCommandError &&
      /couldn't find remote ref/i.test(error.stderr)
    )
      return false;
    throw error;
  }
}

/** Points a local branch at `commit` (a fresh start for an operation's branch). */
export async function startBranch(
  gitDir: string,
  branch: string,
  commit: string | undefined,
): Promise<void> {
  const ref = `refs/heads/${branch}`;
  await runGit(
    commit
      ? ['--git-dir', gitDir, 'update-ref', ref, commit]
      : ['--git-dir', gitDir, 'update-ref', '-d', ref],
  ).catch(error => {
    if (commit) throw error;
  });
}

/**
 * Pushes the operation's branch. Forced: the branch is the operation's own and has no
 * change request yet (one is looked up first), so an earlier attempt's push is replaced.
 */
export async function pushBranch(
  gitDir: string,
  url: string,
  branch: string,
  credentials?: GitCredentials,
): Promise<void> {
  await runGit([
    ...authArgs(credentials),
    '--git-dir',
    gitDir,
    'push',
    '--quiet',
    '--force',
    url,
    `refs/heads/${branch}:refs/heads/${branch}`,
  ]);
}

/**
 * Pushes `commit` to the remote's `branch` without force, so nobody's work is replaced.
 * False when the push was refused because the branch moved since it was fetched (told by
 * the client from the advertised refs, or by the server when it moved during the push).
 */
export async function pushFastForward(
  gitDir: string,
  url: string,
  commit: string,
  branch: string,
  credentials?: GitCredentials,
): Promise<boolean> {
  try {
    await runGit([
      ...authArgs(credentials),
      '--git-dir',
      gitDir,
      'push',
      '--quiet',
      url,
      `${commit}:refs/heads/${branch}`,
    ]);
    return true;
  } catch (error) {
    if (
      error instanceof GitCommandError &&
      /\[(?:remote )?rejected\]|non-fast-forward|fetch first|updates were rejected|failed to update ref|cannot lock ref/i.test(
        `${error.stderr}`,
      )
    )
      return false;
    throw error;
  }
}
