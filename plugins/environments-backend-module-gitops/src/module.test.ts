import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonValue } from '@backstage/types';
import {
  environmentsProvidersExtensionPoint,
  ResourceProvider,
} from '@paved/plugin-environments-node';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentsModuleGitops } from './module';

const folder = mkdtempSync(join(tmpdir(), 'paved-gitops-module-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function startWith(targets: JsonValue, addProvider = jest.fn()) {
  return startTestBackend({
    extensionPoints: [[environmentsProvidersExtensionPoint, { addProvider }]],
    features: [
      environmentsModuleGitops,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          localGit: { directory: join(folder, 'git') },
          environments: { providers: { gitops: { targets } } },
        },
      }),
    ],
  });
}

describe('environmentsModuleGitops', () => {
  it('registers the provider and creates its repository on the local git host', async () => {
    const addProvider = jest.fn();
    const backend = await startWith(
      { local: { localGit: { repository: 'platform-gitops' } } },
      addProvider,
    );
    try {
      const provider: ResourceProvider = addProvider.mock.calls[0][0];
      expect(provider.resourceType).toBe('kubernetes-namespace');
      expect(provider.providerId).toBe('gitops');
      expect(provider.getTargets()).toEqual(['local']);
      expect(provider.baselineRules?.map(r => r.id)).toContain(
        'kubernetes.quota',
      );
      expect(
        existsSync(join(folder, 'git', 'platform-gitops.git', 'HEAD')),
      ).toBe(true);
    } finally {
      await backend.stop();
    }
  });

  it('stops the backend at start when the config is wrong, naming the key', async () => {
    await expect(
      startWith({ local: { localGit: { repository: 'Platform GitOps' } } }),
    ).rejects.toThrow(
      'environments.providers.gitops.targets.local.localGit.repository must be a repository name',
    );
    await expect(
      startWith({
        local: {
          path: 'clusters/{namespace}/x',
          localGit: { repository: 'r' },
        },
      }),
    ).rejects.toThrow(
      'environments.providers.gitops.targets.local.path must be a relative path ending in /{namespace}',
    );
  });
});
