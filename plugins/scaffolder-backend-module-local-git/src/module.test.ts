import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import localGit from '@paved/plugin-local-git-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import scaffolderModuleLocalGit from '.';

/*
 * The module in a real backend beside the git host: what the action publishes is what
 * the host serves, because both take the repositories from localGitServiceRef.
 */
describe('scaffolderModuleLocalGit', () => {
  it('adds paved:git:publish, publishing into the repositories the git host serves', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    const { server } = await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...a: TemplateAction<any, any, any>[]) =>
              actions.push(...a),
          },
        ],
      ],
      features: [
        localGit,
        scaffolderModuleLocalGit,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            localGit: {
              directory: fs.mkdtempSync(path.join(os.tmpdir(), 'module-git-')),
            },
          },
        }),
      ],
    });
    expect(actions.map(a => a.id)).toEqual(['paved:git:publish']);

    const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-'));
    fs.writeFileSync(path.join(workspacePath, 'README.md'), '# Orders API\n');
    const ctx = createMockActionContext({
      input: { repository: 'orders-api' },
      task: { id: 'task-1' },
      workspacePath,
    } as any);
    await actions[0].handler(ctx as any);

    const base = 'http://localhost:7007/api/local-git';
    const api = request(server);
    expect((await api.get('/api/local-git/')).body.items).toEqual([
      {
        name: 'orders-api',
        cloneUrl: `${base}/orders-api.git`,
        url: `${base}/orders-api/tree/HEAD/`,
      },
    ]);
    const file = await api.get('/api/local-git/orders-api/blob/main/README.md');
    expect([file.status, file.text]).toEqual([200, '# Orders API\n']);
  });
});
