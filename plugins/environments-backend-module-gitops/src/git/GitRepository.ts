import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GitCommandError, runGit } from './runGit';

/** Who a commit is by. @public */
export interface GitAuthor {
  name: string;
  email: string;
}

/** One commit's worth of changes: a file's new content, or `null` to remove it. */
export interface CommitRequest {
  branch: string;
  changes: Record<string, string | null>;
  author: GitAuthor;
  message: string;
}

/** Other writers may move the branch between read and update; each attempt starts over. */
const MAX_COMMIT_ATTEMPTS = 5;
const COMMITTER: GitAuthor = { name: 'Paved', email: 'paved@paved.invalid' };

/**
 * A bare repository written through git's plumbing, with no work tree: each commit builds
 * its tree in a private index and moves the branch only if nobody else moved it meanwhile.
 */
export class GitRepository {
  /** How many times the repository's files were read (for tests and the bench). */
  reads = 0;

  constructor(readonly gitDir: string) {}

  /** Creates the repository (empty, on `branch`) unless it is there. */
  async ensure(branch: string, description?: string): Promise<void> {
    if (existsSync(join(this.gitDir, 'HEAD'))) return;
    await fs.mkdir(dirname(this.gitDir), { recursive: true });
    const building = `${this.gitDir}.${randomUUID()}.tmp`;
    try {
      await runGit([
        'init',
        '--quiet',
        '--bare',
        `--initial-branch=${branch}`,
        building,
      ]);
      await runGit(['--git-dir', building, 'update-server-info']);
      if (description)
        await fs.writeFile(join(building, 'description'), `${description}\n`);
      await fs.rename(building, this.gitDir).catch(error => {
        // Another process created it first: theirs is as good.
        if (!existsSync(join(this.gitDir, 'HEAD'))) throw error;
      });
    } finally {
      await fs.rm(building, { recursive: true, force: true });
    }
  }

  /** The commit `branch` points at; undefined while it has none. */
  async head(branch: string): Promise<string | undefined> {
    try {
      const out = await this.git([
        'rev-parse',
        '--verify',
        '--quiet',
        `refs/heads/${branch}^{commit}`,
      ]);
      return out.toString('utf8').trim() || undefined;
    } catch (error) {
      if (error instanceof GitCommandError && error.code === 1)
        return undefined;
      throw error;
    }
  }

  /**
   * The files below `paths` at `commit`, by path, read with one `ls-tree` and one
   * `cat-file --batch` however many there are.
   */
  async readFiles(
    commit: string | undefined,
    paths: string[],
  ): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    if (!commit || !paths.length) return files;
    this.reads += 1;
    const listing = (
      await this.git([
        'ls-tree',
        '-r',
        '-z',
        '--full-tree',
        commit,
        '--',
        ...paths,
      ])
    )
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const [meta, path] = line.split('\t');
        const [, type, oid] = meta.split(' ');
        return { type, oid, path };
      })
      .filter(entry => entry.type === 'blob');
    if (!listing.length) return files;
    const out = await this.git(['cat-file', '--batch'], {
      input: listing.map(e => `${e.oid}\n`).join(''),
    });
    let offset = 0;
    for (const entry of listing) {
      const headerEnd = out.indexOf(0x0a, offset);
      const size = Number(
        out.subarray(offset, headerEnd).toString('utf8').split(' ')[2],
      );
      const start = headerEnd + 1;
      files.set(entry.path, out.subarray(start, start + size).toString('utf8'));
      offset = start + size + 1;
    }
    return files;
  }

  /**
   * Commits the changes on top of the branch. Nothing is committed when they change
   * nothing; `changed` says which it was.
   */
  async commit(
    request: CommitRequest,
  ): Promise<{ commit?: string; changed: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(request.branch);
      const result = await this.tryCommit(request, head);
      if (result) return result;
      if (attempt >= MAX_COMMIT_ATTEMPTS) {
        throw new Error(
          `${request.branch} of ${this.gitDir} kept moving while committing; try again`,
        );
      }
    }
  }

  /** The newest commit on `branch` whose message has all these trailers. */
  async findCommit(
    branch: string,
    trailers: Record<string, string>,
  ): Promise<string | undefined> {
    if (!(await this.head(branch))) return undefined;
    const out = await this.git([
      'log',
      '--format=%H',
      '--fixed-strings',
      '--all-match',
      ...Object.entries(trailers).map(([k, v]) => `--grep=${k}: ${v}`),
      '-n',
      '1',
      `refs/heads/${branch}`,
    ]);
    return out.toString('utf8').trim() || undefined;
  }

  /** The newest commit on `branch` that changed something below `path`. */
  async lastCommitTouching(
    branch: string,
    path: string,
  ): Promise<string | undefined> {
    if (!(await this.head(branch))) return undefined;
    const out = await this.git([
      'log',
      '--format=%H',
      '-n',
      '1',
      `refs/heads/${branch}`,
      '--',
      path,
    ]);
    return out.toString('utf8').trim() || undefined;
  }

  /** One attempt; undefined when the branch moved before it could be updated. */
  private async tryCommit(request: CommitRequest, head: string | undefined) {
    const index = join(this.gitDir, `paved-index-${randomUUID()}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      await this.git(head ? ['read-tree', head] : ['read-tree', '--empty'], {
        env,
      });
      const lines: string[] = [];
      for (const [path, content] of Object.entries(request.changes)) {
        if (content === null) {
          lines.push(`0 ${'0'.repeat(40)}\t${path}`);
          continue;
        }
        const oid = (
          await this.git(['hash-object', '-w', '--stdin'], { input: content })
        )
          .toString('utf8')
          .trim();
        lines.push(`100644 ${oid}\t${path}`);
      }
      await this.git(['update-index', '--index-info'], {
        env,
        input: `${lines.join('\n')}\n`,
      });
      const tree = (await this.git(['write-tree'], { env }))
        .toString('utf8')
        .trim();
      if (head) {
        const headTree = (await this.git(['rev-parse', `${head}^{tree}`]))
          .toString('utf8')
          .trim();
        if (headTree === tree) return { commit: head, changed: false };
      } else if (!lines.some(l => l.startsWith('100644'))) {
        return { commit: undefined, changed: false };
      }
      const commit = (
        await this.git(['commit-tree', tree, ...(head ? ['-p', head] : [])], {
          input: request.message,
          env: {
            GIT_AUTHOR_NAME: request.author.name,
            GIT_AUTHOR_EMAIL: request.author.email,
            GIT_COMMITTER_NAME: COMMITTER.name,
            GIT_COMMITTER_EMAIL: COMMITTER.email,
          },
        })
      )
        .toString('utf8')
        .trim();
      try {
        await this.git([
          'update-ref',
          `refs/heads/${request.branch}`,
          commit,
          head ?? '',
        ]);
      } catch (error) {
        if (error instanceof GitCommandError) return undefined;
        throw error;
      }
      // Lets `git clone` work over plain HTTP from the local git host.
      await this.git(['update-server-info']);
      return { commit, changed: true };
    } finally {
      await fs.rm(index, { force: true });
    }
  }

  private git(
    args: string[],
    options: { input?: string; env?: NodeJS.ProcessEnv } = {},
  ) {
    return runGit(['--git-dir', this.gitDir, ...args], options);
  }
}
