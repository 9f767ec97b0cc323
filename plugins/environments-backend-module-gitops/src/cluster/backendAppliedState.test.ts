import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import environmentsPlugin from '@paved/plugin-environments-backend';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { environmentsModuleGitops } from '../module';
import {
  FLUX_PATH,
  recorded,
  startRecordedKubernetesApi,
} from '../__testUtils__/recordedKubernetesApi';

/*
 * The real environments backend with this module: what the card reads of a namespace's
 * applied state after a reconciler pass, from a recorded Kubernetes API on a local port.
 */

const RECONCILER_TASK = 'environments-reconciler';
const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/checkout-team' },
  },
];

async function eventually<T>(check: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 200) throw error;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
}

describe('the applied state on the card (recorded Kubernetes API)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const folder = mkdtempSync(join(tmpdir(), 'paved-gitops-card-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("shows Flux's applied revision after a pass, and an unreachable cluster in words without failing the pass", async () => {
    const api = await startRecordedKubernetesApi();
    const scheduler = mockServices.scheduler();
    const kubernetes = {
      url: api.url,
      token: 'recorded-token',
      caData: api.caData,
      flux: { name: 'namespaces' },
    };
    const backend = await startTestBackend({
      features: [
        environmentsPlugin,
        environmentsModuleGitops,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            localGit: { directory: join(folder, 'git') },
            environments: {
              classes: [
                {
                  name: 'staging',
                  tier: 'staging',
                  lifecycle: 'static',
                  resources: { 'kubernetes-namespace': { target: 'local' } },
                },
              ],
              providers: {
                gitops: {
                  targets: {
                    local: {
                      localGit: { repository: 'platform-gitops' },
                      kubernetes,
                    },
                  },
                },
              },
              secrets: { key: Buffer.alloc(32, 7).toString('base64') },
            },
          },
        }),
      ],
    });
    const http = request(backend.server);
    const appliedState = async (id: string) =>
      (await http.get(`/api/environments/environments/${id}`).expect(200)).body
        .resources[0].outputs.appliedState;
    try {
      const created = await http
        .post('/api/environments/environments')
        .send({
          name: 'staging',
          class: 'staging',
          owner: 'group:default/checkout-team',
          entityRef: 'component:default/checkout-api',
          resources: [{ type: 'kubernetes-namespace', name: 'app', spec: {} }],
        })
        .expect(202);
      const id: string = created.body.environment.id;
      await eventually(async () => {
        const { body } = await http
          .get(`/api/environments/environments/${id}`)
          .expect(200);
        expect(body.status).toBe('ready');
      });
      expect(await appliedState(id)).toBe(
        'unknown: read from the cluster on the next reconciler pass',
      );

      const head = execFileSync(
        'git',
        [
          '--git-dir',
          join(folder, 'git', 'platform-gitops.git'),
          'rev-parse',
          'main',
        ],
        { encoding: 'utf8' },
      ).trim();
      api.answer(
        `${FLUX_PATH}/namespaces`,
        recorded('flux-kustomization-ready', { applied: head }),
      );
      await scheduler.triggerTask(RECONCILER_TASK);
      expect(await appliedState(id)).toBe(
        `applied ${head.slice(
          0,
          12,
        )}; Flux Kustomization flux-system/namespaces: Ready`,
      );

      // The cluster goes away: the pass still observes, and the card says why.
      await api.stop();
      await scheduler.triggerTask(RECONCILER_TASK);
      expect(await appliedState(id)).toMatch(
        new RegExp(`^unknown: cannot reach ${api.url}: .*ECONNREFUSED`),
      );
      const { body } = await http
        .get(`/api/environments/environments/${id}`)
        .expect(200);
      expect(body.status).toBe('ready');
    } finally {
      await backend.stop();
      await api.stop().catch(() => undefined);
    }
  });
});
