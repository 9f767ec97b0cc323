import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  LocalGitRepositories,
  LocalGitUrls,
} from '@paved/plugin-local-git-backend';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import { createPavedGitPublishAction } from './publish';
import { examples } from './publish.examples';

const base = 'http://localhost:7007/api/local-git';

describe('paved:git:publish', () => {
  let repositories: LocalGitRepositories;
  let action: ReturnType<typeof createPavedGitPublishAction>;

  beforeEach(() => {
    repositories = new LocalGitRepositories(
      fs.mkdtempSync(path.join(os.tmpdir(), 'publish-')),
    );
    action = createPavedGitPublishAction({
      repositories,
      urls: new LocalGitUrls(base),
    });
  });

  function context(
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) {
    const ctx: any = createMockActionContext({
      input,
      task: { id: 'task-1' },
      workspacePath: fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-')),
      user: {
        ref: 'user:default/priya',
        entity: {
          spec: {
            profile: { displayName: 'Priya', email: 'priya@example.com' },
          },
        },
      },
      ...extra,
    } as any);
    // createMockActionContext drops isDryRun.
    ctx.isDryRun = Boolean(extra.isDryRun);
    fs.writeFileSync(
      path.join(ctx.workspacePath, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    fs.mkdirSync(path.join(ctx.workspacePath, 'docs-site'));
    fs.writeFileSync(
      path.join(ctx.workspacePath, 'docs-site', 'index.md'),
      '# Docs\n',
    );
    return ctx;
  }

  const outputs = (ctx: any) =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);

  it('publishes the workspace as a repository, committed as the user who ran the task', async () => {
    const ctx = context({
      repository: 'orders-api',
      gitCommitMessage: 'Create orders-api',
    });
    await action.handler(ctx);
    const out = outputs(ctx);
    expect(out).toEqual({
      remoteUrl: `${base}/orders-api.git`,
      repoContentsUrl: `${base}/orders-api/tree/main/`,
      catalogInfoUrl: `${base}/orders-api/blob/main/catalog-info.yaml`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const { stdout } = await promisify(execFile)('git', [
      '--git-dir',
      repositories.gitDir('orders-api'),
      'log',
      '--format=%an <%ae>%n%B',
      'main',
    ]);
    expect(stdout.trim()).toBe(
      'Priya <priya@example.com>\nCreate orders-api\n\nScaffolder-Task: task-1',
    );
  });

  it('is safe to run again: a retried task finds its own repository, another task is refused', async () => {
    await action.handler(context({ repository: 'orders-api' }));
    // The same task again, its checkpoint lost: it recognises its commit.
    const again = context({ repository: 'orders-api' });
    await action.handler(again);
    expect(outputs(again).commitHash).toBe(
      await repositories.resolveCommit('orders-api', 'main'),
    );
    // Someone else's task with the same name.
    await expect(
      action.handler(
        context({ repository: 'orders-api' }, { task: { id: 'task-2' } }),
      ),
    ).rejects.toThrow(
      'repository: orders-api already exists; choose another name',
    );
  });

  it('creates nothing in a dry run, and says so when the name is taken', async () => {
    const dry = context({ repository: 'orders-api' }, { isDryRun: true });
    await action.handler(dry);
    expect(outputs(dry).remoteUrl).toBe(`${base}/orders-api.git`);
    expect(repositories.exists('orders-api')).toBe(false);

    await action.handler(context({ repository: 'orders-api' }));
    await expect(
      action.handler(context({ repository: 'orders-api' }, { isDryRun: true })),
    ).rejects.toThrow('repository: orders-api already exists');
  });

  it('refuses a bad repository name or branch before creating anything, naming the field', async () => {
    await expect(
      action.handler(context({ repository: 'Orders_API' })),
    ).rejects.toThrow(
      /^repository: "Orders_API" must be 1 to 63 lowercase letters/,
    );
    await expect(
      action.handler(context({ repository: 'orders', defaultBranch: '../x' })),
    ).rejects.toThrow(/^defaultBranch: "..\/x" is not a branch/);
    expect(await repositories.list()).toEqual([]);
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      const step = yaml
        .parse(example.example)
        .steps.find((s: any) => s.action === 'paved:git:publish');
      const input = JSON.parse(
        JSON.stringify(step.input).replace(
          /\$\{\{ parameters\.name \}\}/g,
          'payments-api',
        ),
      );
      const ctx = context(input);
      await action.handler(ctx);
      const name = input.repository;
      const branch = input.defaultBranch ?? 'main';
      const files = await repositories.listFiles(
        name,
        await repositories.resolveCommit(name, branch),
      );
      expect(files).toEqual(
        input.sourcePath
          ? ['index.md']
          : ['catalog-info.yaml', 'docs-site/index.md'],
      );
    },
  );
});
