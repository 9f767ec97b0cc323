import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalGitRepositories } from './LocalGitRepositories';

function tempDir(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function writeFiles(dir: string, files: Record<string, string>) {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

describe('LocalGitRepositories', () => {
  let root: string;
  let source: string;
  let repositories: LocalGitRepositories;
  const author = { name: 'Priya Platform', email: 'priya@example.com' };

  beforeEach(() => {
    root = tempDir('local-git-');
    source = tempDir('workspace-');
    repositories = new LocalGitRepositories(root);
    writeFiles(source, {
      'catalog-info.yaml': 'kind: Component\n',
      'docs/index.md': '# Hello\n',
      'src/index.ts': 'export {};\n',
    });
  });

  it('publishes a folder as a bare repository that git itself can clone', async () => {
    const { commit } = await repositories.publish({
      name: 'checkout-api',
      sourceDir: source,
      branch: 'main',
      message: 'Initial commit\n\nScaffolder-Task: t-1\n',
      author,
    });
    expect(commit).toMatch(/^[0-9a-f]{40}$/);

    const clone = path.join(tempDir('clone-'), 'checkout-api');
    execFileSync('git', [
      'clone',
      '--quiet',
      repositories.gitDir('checkout-api'),
      clone,
    ]);
    expect(fs.readFileSync(path.join(clone, 'docs/index.md'), 'utf8')).toBe(
      '# Hello\n',
    );
    const log = execFileSync(
      'git',
      ['-C', clone, 'log', '--format=%an <%ae>|%s|%D'],
      {
        encoding: 'utf8',
      },
    );
    expect(log.trim()).toBe(
      'Priya Platform <priya@example.com>|Initial commit|HEAD -> main, origin/main, origin/HEAD',
    );
    // Only the repository is left in the root: no half-built folder beside it.
    expect(fs.readdirSync(root)).toEqual(['checkout-api.git']);
  });

  it('reads files and lists folders at a commit', async () => {
    const { commit } = await repositories.publish({
      name: 'svc',
      sourceDir: source,
      branch: 'main',
      message: 'first',
      author,
    });
    expect(await repositories.resolveCommit('svc', 'main')).toBe(commit);
    expect(
      (await repositories.readFile('svc', commit, '/docs/index.md')).toString(),
    ).toBe('# Hello\n');
    expect(await repositories.listFiles('svc', commit)).toEqual([
      'catalog-info.yaml',
      'docs/index.md',
      'src/index.ts',
    ]);
    expect(await repositories.listFiles('svc', commit, 'docs')).toEqual([
      'docs/index.md',
    ]);
    expect(await repositories.list()).toEqual(['svc']);
  });

  it('refuses a name that is taken, and leaves the existing repository as it was', async () => {
    const first = await repositories.publish({
      name: 'svc',
      sourceDir: source,
      branch: 'main',
      message: 'first',
      author,
    });
    writeFiles(source, { 'other.txt': 'x' });
    await expect(
      repositories.publish({
        name: 'svc',
        sourceDir: source,
        branch: 'main',
        message: 'second',
        author,
      }),
    ).rejects.toThrow(new ConflictError('repository: svc already exists'));
    expect(await repositories.resolveCommit('svc', 'main')).toBe(first.commit);
  });

  it('creates nothing when publishing fails half-way', async () => {
    await expect(
      repositories.publish({
        name: 'svc',
        sourceDir: path.join(source, 'missing'),
        branch: 'main',
        message: 'first',
        author,
      }),
    ).rejects.toThrow();
    expect(repositories.exists('svc')).toBe(false);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('refuses bad names, refs and paths, naming the field', async () => {
    const refused = [
      'Svc',
      '-svc',
      'svc-',
      'a'.repeat(64),
      '../x',
      'x.git',
    ].filter(name => {
      try {
        repositories.gitDir(name);
        return false;
      } catch (error) {
        return error instanceof InputError;
      }
    });
    expect(refused).toHaveLength(6);
    expect(() => repositories.gitDir('../x')).toThrow(
      /^repository: "..\/x" must be 1 to 63 lowercase letters/,
    );
    await expect(
      repositories.publish({
        name: 'svc',
        sourceDir: source,
        branch: '-x',
        message: 'm',
        author,
      }),
    ).rejects.toThrow(
      /^defaultBranch: "-x" is not a branch, tag or commit name/,
    );
    const { commit } = await repositories.publish({
      name: 'svc',
      sourceDir: source,
      branch: 'main',
      message: 'm',
      author,
    });
    await expect(
      repositories.readFile('svc', commit, '../../etc/passwd'),
    ).rejects.toThrow(
      /^path: "..\/..\/etc\/passwd" is not a path inside the repository/,
    );
    await expect(
      repositories.readFile('svc', commit, 'nope.txt'),
    ).rejects.toThrow(NotFoundError);
    await expect(
      repositories.resolveCommit('svc', 'no-branch'),
    ).rejects.toThrow('svc has no branch, tag or commit no-branch');
    await expect(repositories.resolveCommit('nobody', 'main')).rejects.toThrow(
      'There is no repository named nobody',
    );
  });
});
