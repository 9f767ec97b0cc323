import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitopsProvider } from '../GitopsProvider';
import { DEFAULT_PATH_TEMPLATE } from '../naming';
import { git, logger, newResource } from '../__testUtils__/gitFixtures';
import { startMockScmApi } from '../__testUtils__/mockScmApi';

const operation = (id: string, type: 'create' | 'destroy' = 'create') => ({
  id,
  type,
  requestedBy: 'user:default/jane',
});

describe.each([
  ['github', 'mocked GitHub API'],
  ['gitlab', 'mocked GitLab API'],
] as const)('pull-request mode on %s', (kind, label) => {
  let root: string;
  let remoteDir: string;
  let api: Awaited<ReturnType<typeof startMockScmApi>>;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'paved-gitops-pr-'));
    remoteDir = join(root, 'remote.git');
    git(['init', '--quiet', '--bare', '--initial-branch=main', remoteDir]);
    api = await startMockScmApi(kind);
  });
  afterEach(async () => {
    await api.close();
    rmSync(root, { recursive: true, force: true });
  });

  const start = (cache = 'cache') =>
    GitopsProvider.create({
      targets: [
        {
          name: 'prod',
          configKey: 'environments.providers.gitops.targets.prod',
          cluster: 'prod',
          mode: 'pull-request',
          branch: 'main',
          pathTemplate: DEFAULT_PATH_TEMPLATE,
          remote: { url: api.repositoryUrl, cloneUrl: remoteDir },
          pullRequest: { waitDays: 7, checkEveryMinutes: 2 },
        },
      ],
      localGit: {} as any,
      integrations: api.integrations,
      cacheDir: join(root, cache),
      baseUrl: 'https://portal.example',
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

  /** Merges the request on the host: main moves to its branch. */
  const merge = (n: number) => {
    const request = api.requests[n - 1];
    git([
      '--git-dir',
      remoteDir,
      'update-ref',
      'refs/heads/main',
      `refs/heads/${request.branch}`,
    ]);
    request.state = 'merged';
  };
  const filesOn = (ref: string) =>
    git(['--git-dir', remoteDir, 'ls-tree', '-r', '--name-only', ref]);

  it(`opens a request naming the requester and environment, waits for review, and is ready once merged (${label})`, async () => {
    const provider = await start();
    const waiting = await apply(provider).catch(e => e);
    expect(waiting.name).toBe('PendingProviderError');
    expect(waiting.message).toMatch(/^waiting for review: https:\/\/.*\/1$/);
    expect(waiting.outputs.review).toBe(waiting.message);
    expect(waiting.checkAfterMs).toBe(120_000);
    const [request] = api.requests;
    expect(request.branch).toBe('paved/op-1/app');
    expect(request.base).toBe('main');
    expect(request.title).toContain('pr-42');
    expect(request.body).toContain('user:default/jane');
    expect(request.body).toContain(
      'https://portal.example/catalog/default/component/checkout-api',
    );
    expect(filesOn('refs/heads/paved/op-1/app')).toContain(
      'clusters/prod/namespaces/checkout-api-pr-42-app/namespace.yaml',
    );

    merge(1);
    const { outputs } = await apply(provider);
    expect(outputs).toMatchObject({
      namespace: 'checkout-api-pr-42-app',
      commit: 'ffffffffffff',
    });
    expect(api.requests).toHaveLength(1);
  });

  it(`fails with a clear message when the request is closed without merging (${label})`, async () => {
    const provider = await start();
    await expect(apply(provider)).rejects.toThrow(/waiting for review/);
    api.requests[0].state = 'closed';
    await expect(apply(provider)).rejects.toThrow(
      /was closed without being merged, so nothing was applied/,
    );
  });

  it(`a retry finds the request by its branch and opens no second one (${label})`, async () => {
    const provider = await start();
    for (let i = 0; i < 3; i++) {
      await expect(apply(provider)).rejects.toThrow(/waiting for review/);
    }
    expect(api.requests).toHaveLength(1);
  });

  it(`resumes waiting after a restart and finishes when merged (${label})`, async () => {
    await expect(apply(await start())).rejects.toThrow(/waiting for review/);
    // A new process, with an empty local copy, knows only the operation.
    const restarted = await start('cache-after-restart');
    await expect(apply(restarted)).rejects.toThrow(/\/1$/);
    merge(1);
    expect((await apply(restarted)).outputs.commit).toBe('ffffffffffff');
    expect(api.requests).toHaveLength(1);
  });

  it(`destroy opens a request that removes the files (${label})`, async () => {
    const provider = await start();
    await apply(provider).catch(() => undefined);
    merge(1);
    await apply(provider);
    const destroying = provider.destroy({
      target: 'prod',
      resource: newResource(),
      operation: operation('op-2', 'destroy'),
      logger,
    });
    await expect(destroying).rejects.toThrow(/waiting for review: .*\/2$/);
    expect(api.requests[1].title).toMatch(/^Remove namespace checkout-api-pr-42-app/);
    expect(filesOn('refs/heads/paved/op-2/app')).not.toContain('checkout-api-pr-42-app/');
  });
});
