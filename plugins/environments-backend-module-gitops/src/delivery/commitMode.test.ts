import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitopsProvider } from '../GitopsProvider';
import { DEFAULT_PATH_TEMPLATE } from '../naming';
import { git, logger, newResource } from '../__testUtils__/gitFixtures';
import { startGitHttpServer } from '../__testUtils__/gitHttpServer';

const operation = (id: string, type: 'create' | 'destroy' = 'create') => ({
  id,
  type,
  requestedBy: 'user:default/jane',
});

// Real git over HTTP (git http-backend) with the integration's token; no API is called in
// commit mode, so nothing here is mocked.
describe.each([
  ['github', 'x-access-token', 'ghp_test'],
  ['gitlab', 'oauth2', 'glpat_test'],
] as const)('commit mode on %s', (kind, username, token) => {
  let root: string;
  let remoteDir: string;
  let server: Awaited<ReturnType<typeof startGitHttpServer>>;
  /** Called before each request reaches git: a test moves the branch from here. */
  let beforeRequest: (url: URL) => void;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'paved-gitops-commit-'));
    remoteDir = join(root, 'served/acme/platform-gitops.git');
    git(['init', '--quiet', '--bare', '--initial-branch=main', remoteDir]);
    beforeRequest = () => undefined;
    server = await startGitHttpServer({
      root: join(root, 'served'),
      username,
      password: token,
      beforeRequest: (_req, url) => beforeRequest(url),
    });
  });
  afterEach(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const integrations = (withToken: string = token) => {
    const host = new URL(server.origin).host;
    return ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations:
          kind === 'github'
            ? {
                github: [
                  {
                    host,
                    apiBaseUrl: `${server.origin}/api/v3`,
                    token: withToken,
                  },
                ],
              }
            : {
                gitlab: [
                  {
                    host,
                    apiBaseUrl: `${server.origin}/api/v4`,
                    baseUrl: server.origin,
                    token: withToken,
                  },
                ],
              },
      }),
    );
  };

  const start = (cache = 'cache', registry = integrations()) =>
    GitopsProvider.create({
      targets: [
        {
          name: 'prod',
          configKey: 'environments.providers.gitops.targets.prod',
          cluster: 'prod',
          mode: 'commit',
          branch: 'main',
          pathTemplate: DEFAULT_PATH_TEMPLATE,
          remote: {
            url: `${server.origin}/acme/platform-gitops`,
            cloneUrl: `${server.origin}/acme/platform-gitops.git`,
          },
        },
      ],
      localGit: {} as any,
      integrations: registry,
      cacheDir: join(root, cache),
      logger,
    });

  const apply = (provider: GitopsProvider, id = 'op-1') =>
    provider.apply({
      target: 'prod',
      resource: newResource(),
      spec: provider.validateSpec({}),
      operation: operation(id),
      logger,
    });
  const destroy = (provider: GitopsProvider, id = 'op-2') =>
    provider.destroy({
      target: 'prod',
      resource: newResource(),
      operation: operation(id, 'destroy'),
      logger,
    });

  const remoteGit = (args: string[]) =>
    git(['--git-dir', remoteDir, ...args]).trim();
  const commitCount = () => Number(remoteGit(['rev-list', '--count', 'main']));
  const filesOnMain = () => remoteGit(['ls-tree', '-r', '--name-only', 'main']);
  /** Someone else pushes a commit to main, straight to the repository on disk. */
  const pushByHand = (file: string) => {
    const dir = mkdtempSync(join(root, 'hand-'));
    git(['clone', '--quiet', remoteDir, dir]);
    mkdirSync(join(dir, 'other'), { recursive: true });
    writeFileSync(join(dir, 'other', file), `${file}\n`);
    git(['add', '.'], dir);
    git(['commit', '--quiet', '-m', `Add ${file} by hand`], dir);
    git(['push', '--quiet', 'origin', 'HEAD:main'], dir);
  };

  it('pushes one commit with the files to the branch, with the operation trailers', async () => {
    const provider = await start();
    const { outputs } = await apply(provider);
    expect(commitCount()).toBe(1);
    expect(filesOnMain()).toContain(
      'clusters/prod/namespaces/checkout-api-pr-42-app/namespace.yaml',
    );
    const head = remoteGit(['rev-parse', 'main']);
    expect(outputs.commit).toBe(head.slice(0, 12));
    expect(outputs.commitUrl).toContain(head);
    expect(remoteGit(['log', '-1', '--format=%B', 'main'])).toContain(
      'Paved-Operation: op-1',
    );
  });

  it('a retry after the push landed but before it was recorded finds the commit and pushes no second one', async () => {
    const first = await apply(await start());
    // A new process (empty local copy) retries the same operation.
    const retried = await apply(await start('cache-after-restart'));
    expect(retried.outputs.commit).toBe(first.outputs.commit);
    expect(commitCount()).toBe(1);
  });

  it.each([
    ['before the push is planned (refused by git)', 'info/refs'],
    ['during the push (refused by the server)', '/git-receive-pack'],
  ])(
    'when the branch moves %s, fetches and commits again on top',
    async (_, when) => {
      const provider = await start();
      pushByHand('first.txt');
      let moved = 0;
      beforeRequest = url => {
        const isPush =
          when === 'info/refs'
            ? url.pathname.endsWith('info/refs') &&
              url.searchParams.get('service') === 'git-receive-pack'
            : url.pathname.endsWith(when);
        if (isPush && moved++ === 0) pushByHand('second.txt');
      };
      await apply(provider);
      expect(moved).toBe(2);
      expect(commitCount()).toBe(3);
      expect(filesOnMain()).toContain('other/second.txt');
      expect(filesOnMain()).toContain(
        'clusters/prod/namespaces/checkout-api-pr-42-app/namespace.yaml',
      );
      expect(remoteGit(['log', '-1', '--format=%s', 'main^'])).toBe(
        'Add second.txt by hand',
      );
    },
  );

  it('gives up after a bounded number of refused pushes', async () => {
    const provider = await start();
    let n = 0;
    beforeRequest = url => {
      if (url.pathname.endsWith('/git-receive-pack')) pushByHand(`f${n++}.txt`);
    };
    await expect(apply(provider)).rejects.toThrow(
      /main of .* kept moving while pushing \(5 attempts\); try again/,
    );
    expect(n).toBe(5);
    expect(remoteGit(['log', '--format=%B', 'main'])).not.toContain(
      'Paved-Operation',
    );
  });

  it('destroy pushes one commit removing the files, and a retry none', async () => {
    const provider = await start();
    await apply(provider);
    await destroy(provider);
    expect(commitCount()).toBe(2);
    expect(filesOnMain()).not.toContain('checkout-api-pr-42-app/');
    await destroy(await start('cache-after-restart'));
    expect(commitCount()).toBe(2);
  });

  it('fetches and pushes with the integration token, and nothing without it', async () => {
    const provider = await start('cache', integrations('wrong'));
    await expect(apply(provider)).rejects.toThrow(/git fetch failed/);
    expect(remoteGit(['for-each-ref'])).toBe('');
    await apply(await start('cache-with-token'));
    expect(commitCount()).toBe(1);
  });
});
