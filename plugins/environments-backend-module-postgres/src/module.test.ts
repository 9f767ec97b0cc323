import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonValue } from '@backstage/types';
import {
  environmentsProvidersExtensionPoint,
  ResourceProvider,
} from '@paved/plugin-environments-node';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, isPortFree } from './embedded/ports';
import { environmentsModulePostgres } from './module';
import { testPostgresConnection } from './testUtils';

function startWith(
  targets: JsonValue,
  addProvider = jest.fn(),
  more: { extensionWindow?: JsonValue } = {},
) {
  return startTestBackend({
    extensionPoints: [[environmentsProvidersExtensionPoint, { addProvider }]],
    features: [
      environmentsModulePostgres,
      mockServices.rootConfig.factory({
        data: {
          environments: { providers: { postgres: { targets, ...more } } },
        },
      }),
    ],
  });
}

describe('environmentsModulePostgres', () => {
  it('registers the provider with the configured targets', async () => {
    const addProvider = jest.fn();
    const backend = await startWith(
      { shared: { ...testPostgresConnection() } },
      addProvider,
    );
    try {
      expect(addProvider).toHaveBeenCalledTimes(1);
      const provider: ResourceProvider = addProvider.mock.calls[0][0];
      expect(provider.resourceType).toBe('postgres-database');
      expect(provider.providerId).toBe('postgres');
      expect(provider.getTargets()).toEqual(['shared']);
      await expect(
        provider.observe({
          target: 'shared',
          resources: [],
          logger: mockServices.logger.mock(),
        }),
      ).resolves.toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('runs embedded servers for as long as the backend runs', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'paved-module-test-'));
    await chmod(folder, 0o755);
    const port = await findFreePort();
    try {
      const addProvider = jest.fn();
      const backend = await startWith(
        { local: { embedded: { dataDirectory: join(folder, 'data'), port } } },
        addProvider,
      );
      const provider: ResourceProvider = addProvider.mock.calls[0][0];
      expect(provider.getTargets()).toEqual(['local']);
      expect(await isPortFree(port)).toBe(false);

      await backend.stop();
      expect(await isPortFree(port)).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('stops the backend at start when the config is wrong, naming the key', async () => {
    await expect(
      startWith({ shared: { host: 'db', user: 'u', port: 'five' } }),
    ).rejects.toThrow(
      'environments.providers.postgres.targets.shared.port must be a number',
    );
    await expect(
      startWith({ shared: { ...testPostgresConnection() } }, jest.fn(), {
        extensionWindow: -5,
      }),
    ).rejects.toThrow(
      'environments.providers.postgres.extensionWindow must be from 0 to 1000',
    );
  });
});
