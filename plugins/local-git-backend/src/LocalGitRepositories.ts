import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A repository name: what follows the host in its URLs, and its folder name. */
export const REPOSITORY_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A branch, tag or commit: one path segment, so that URLs stay unambiguous. */
const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * What a commit records about who made it and why.
 *
 * @public
 */
export interface PublishRequest {
  name: string;
  /** The folder whose files become the first commit. */
  sourceDir: string;
  branch: string;
  message: string;
  author: { name: string; email: string };
  description?: string;
}

/**
 * Bare git repositories in one folder, driven through the git command line. Every
 * repository is created whole or not at all: it is built beside its final place and
 * renamed into it.
 *
 * @public
 */
export class LocalGitRepositories {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  static validateName(name: string, field = 'repository'): void {
    if (!REPOSITORY_NAME_PATTERN.test(name)) {
      throw new InputError(
        `${field}: "${name}" must be 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit`,
      );
    }
  }

  static validateRef(ref: string, field = 'ref'): void {
    if (!REF_PATTERN.test(ref) || ref.includes('..')) {
      throw new InputError(
        `${field}: "${ref}" is not a branch, tag or commit name`,
      );
    }
  }

  gitDir(name: string): string {
    LocalGitRepositories.validateName(name);
    return join(this.root, `${name}.git`);
  }

  exists(name: string): boolean {
    return existsSync(join(this.gitDir(name), 'HEAD'));
  }

  async list(): Promise<string[]> {
    const entries = await fs.readdir(this.root).catch(() => [] as string[]);
    return entries
      .filter(e => e.endsWith('.git'))
      .map(e => e.slice(0, -'.git'.length))
      .filter(n => REPOSITORY_NAME_PATTERN.test(n))
      .sort();
  }

  /** Creates the repository with one commit of the folder's files, on `branch`. */
  async publish(request: PublishRequest): Promise<{ commit: string }> {
    const { name, branch } = request;
    LocalGitRepositories.validateRef(branch, 'defaultBranch');
    const finalDir = this.gitDir(name);
    if (this.exists(name)) {
      throw new ConflictError(`repository: ${name} already exists`);
    }
    await fs.mkdir(this.root, { recursive: true });
    const building = join(this.root, `.${name}.${randomUUID()}.tmp`);
    try {
      await this.git([
        'init',
        '--quiet',
        '--bare',
        `--initial-branch=${branch}`,
        building,
      ]);
      // The work tree is the source folder itself: nothing is copied, and the index
      // lives in the bare repository until the commit is made.
      const withTree = [
        '-C',
        request.sourceDir,
        '--git-dir',
        building,
        '--work-tree',
        request.sourceDir,
      ];
      await this.git([...withTree, 'add', '--all', '.']);
      await this.git([
        ...withTree,
        '-c',
        `user.name=${request.author.name}`,
        '-c',
        `user.email=${request.author.email}`,
        'commit',
        '--quiet',
        '--no-verify',
        '--allow-empty',
        '-m',
        request.message,
      ]);
      await fs.rm(join(building, 'index'), { force: true });
      // Lets `git clone` work over plain HTTP ("dumb" protocol) from the router.
      await this.git(['--git-dir', building, 'update-server-info']);
      await fs.writeFile(
        join(building, 'description'),
        `${request.description ?? name}\n`,
      );
      try {
        await fs.rename(building, finalDir);
      } catch (error) {
        if (this.exists(name)) {
          throw new ConflictError(`repository: ${name} already exists`);
        }
        throw error;
      }
      return { commit: await this.resolveCommit(name, branch) };
    } finally {
      await fs.rm(building, { recursive: true, force: true });
    }
  }

  /** The commit a branch, tag or commit id names. */
  async resolveCommit(name: string, ref: string): Promise<string> {
    LocalGitRepositories.validateRef(ref);
    this.requireRepository(name);
    try {
      const { stdout } = await this.git([
        '--git-dir',
        this.gitDir(name),
        'rev-parse',
        '--verify',
        '--quiet',
        `${ref}^{commit}`,
      ]);
      return stdout.trim();
    } catch {
      throw new NotFoundError(`${name} has no branch, tag or commit ${ref}`);
    }
  }

  /** The full message of a commit, e.g. to find the task that made it. */
  async commitMessage(name: string, commit: string): Promise<string> {
    const { stdout } = await this.git([
      '--git-dir',
      this.gitDir(name),
      'log',
      '-1',
      '--format=%B',
      commit,
    ]);
    return stdout;
  }

  async readFile(name: string, commit: string, path: string): Promise<Buffer> {
    const file = normalizePath(path);
    const { stdout } = await this.git(
      ['--git-dir', this.gitDir(name), 'cat-file', 'blob', `${commit}:${file}`],
      { encoding: 'buffer' },
    ).catch(() => {
      throw new NotFoundError(
        `${name} has no file ${file} at ${commit.slice(0, 12)}`,
      );
    });
    return stdout as unknown as Buffer;
  }

  /** Every file path at a commit, below `path` if given. */
  async listFiles(name: string, commit: string, path = ''): Promise<string[]> {
    const dir = normalizePath(path);
    const { stdout } = await this.git([
      '--git-dir',
      this.gitDir(name),
      'ls-tree',
      '-r',
      '--name-only',
      '-z',
      commit,
      ...(dir ? ['--', dir] : []),
    ]);
    return stdout.split('\0').filter(Boolean);
  }

  /**
   * A tar of the tree at `path` (the whole repository when empty), its files under one
   * top-level folder as hosted archives have them.
   */
  archive(name: string, commit: string, path = ''): Readable {
    const dir = normalizePath(path);
    const child = spawn(
      'git',
      [
        '--git-dir',
        this.gitDir(name),
        'archive',
        '--format=tar',
        `--prefix=${name}/`,
        dir ? `${commit}:${dir}` : commit,
      ],
      { env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('close', code => {
      if (code !== 0) {
        child.stdout.destroy(
          new NotFoundError(
            `${name} has no folder ${dir || '/'} at ${commit.slice(
              0,
              12,
            )}: ${stderr.trim()}`,
          ),
        );
      }
    });
    return child.stdout;
  }

  private requireRepository(name: string) {
    if (!this.exists(name)) {
      throw new NotFoundError(`There is no repository named ${name}`);
    }
  }

  private git(args: string[], options: { encoding?: 'buffer' } = {}) {
    return run('git', args, {
      env: gitEnv(),
      maxBuffer: 64 * 1024 * 1024,
      ...(options.encoding ? { encoding: 'buffer' as any } : {}),
    }) as Promise<{ stdout: string; stderr: string }>;
  }
}

/** The machine's git settings must not change what is committed or ask for anything. */
function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
  };
}

/** A path inside the repository, refused if it could leave it. */
export function normalizePath(path: string): string {
  const parts = path.split('/').filter(p => p && p !== '.');
  if (parts.some(p => p === '..' || p.startsWith('-'))) {
    throw new InputError(`path: "${path}" is not a path inside the repository`);
  }
  return parts.join('/');
}
