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
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { environmentsModuleGitops } from './module';

/*
 * The real environments backend with this module on real git repositories: a request
 * becomes a commit by the requesting user, a hand edit becomes findings on the next
 * reconciler pass and is restored, and destroy removes the files.
 */

const RECONCILER_TASK = 'environments-reconciler';
const LINK = '/docs/default/component/platform-guidelines/baselines/staging/#';
const FOLDER = 'clusters/local/namespaces/checkout-api-staging-app';

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/checkout-team' },
  },
  {
    // Whom the test backend's requests come from.
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'mock', namespace: 'default' },
    spec: { profile: { displayName: 'Mo Mock', email: 'mo@example.com' } },
  },
];

const rule = (id: string, severity: string, params?: object) => ({
  id,
  severity,
  message: `Breaks ${id}`,
  link: `${LINK}${id}`,
  ...(params && { params }),
});

const git = (args: string[], cwd?: string) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'By Hand',
      GIT_AUTHOR_EMAIL: 'hand@example.com',
      GIT_COMMITTER_NAME: 'By Hand',
      GIT_COMMITTER_EMAIL: 'hand@example.com',
    },
  });

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

describe('the environments backend with the gitops module', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const folder = mkdtempSync(join(tmpdir(), 'paved-gitops-backend-'));
  const gitDir = join(folder, 'git', 'platform-gitops.git');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const clone = () => {
    const dir = mkdtempSync(join(folder, 'clone-'));
    git(['clone', '--quiet', gitDir, dir]);
    return dir;
  };

  it('previews a namespace, commits it as the requester, finds a hand edit, restores it and destroys it', async () => {
    const scheduler = mockServices.scheduler();
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
                  baseline: 'staging',
                  drift: 'restore',
                  resources: { 'kubernetes-namespace': { target: 'local' } },
                },
              ],
              baselines: {
                staging: {
                  rules: [
                    rule('kubernetes.quota', 'blocking', {
                      cpu: { max: '8' },
                      memory: { max: '16Gi' },
                      pods: { max: 100 },
                    }),
                    rule('kubernetes.default-deny', 'blocking'),
                    rule('kubernetes.manifests', 'high'),
                  ],
                },
              },
              providers: {
                gitops: {
                  targets: {
                    local: { localGit: { repository: 'platform-gitops' } },
                  },
                },
              },
              secrets: { key: Buffer.alloc(32, 7).toString('base64') },
            },
          },
        }),
      ],
    });
    const api = request(backend.server);
    const create = (spec: object) =>
      api.post('/api/environments/environments').send({
        name: 'staging',
        class: 'staging',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [{ type: 'kubernetes-namespace', name: 'app', spec }],
      });
    const findings = async (id: string) =>
      (
        await api
          .get(`/api/environments/environments/${id}/findings`)
          .expect(200)
      ).body.items
        .filter((f: any) => !f.resolvedAt)
        .map((f: any) => [f.rule, f.field, f.observed]);

    try {
      // Past the class's range: refused before anything is written, naming field and rule.
      const refused = await create({ quota: { pods: 500 } });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(
        'resources[0].spec.quota.pods',
      );
      expect(refused.body.error.message).toContain('kubernetes.quota');
      expect(
        (await create({ networkPolicy: { defaultDeny: false } })).body.error
          .message,
      ).toContain('kubernetes.default-deny');

      // A dry run answers with the files it would commit and their diff, committing nothing.
      const plan = await api
        .post('/api/environments/environments?dryRun=true')
        .send({
          name: 'staging',
          class: 'staging',
          owner: 'group:default/checkout-team',
          entityRef: 'component:default/checkout-api',
          resources: [
            {
              type: 'kubernetes-namespace',
              name: 'app',
              spec: { quota: { pods: 30 } },
            },
          ],
        })
        .expect(200);
      const { preview } = plan.body.environment.resources[0];
      // In path order.
      expect(Object.keys(preview.files)).toEqual([
        `${FOLDER}/kustomization.yaml`,
        `${FOLDER}/limitrange.yaml`,
        `${FOLDER}/namespace.yaml`,
        `${FOLDER}/networkpolicy.yaml`,
        `${FOLDER}/resourcequota.yaml`,
        `${FOLDER}/rolebinding.yaml`,
        'clusters/local/namespaces/kustomization.yaml',
      ]);
      expect(preview.diff).toContain(`+++ b/${FOLDER}/resourcequota.yaml`);
      expect(preview.diff).toContain('+    pods: "30"');
      expect(git(['--git-dir', gitDir, 'rev-list', '--all']).trim()).toBe('');

      const created = await create({ quota: { pods: 30 } }).expect(202);
      const id: string = created.body.environment.id;
      const ready = await eventually(async () => {
        const { body } = await api
          .get(`/api/environments/environments/${id}`)
          .expect(200);
        expect(body.status).toBe('ready');
        return body;
      });
      const outputs = ready.resources[0].outputs;
      expect(outputs).toMatchObject({
        namespace: 'checkout-api-staging-app',
        cluster: 'local',
        repository: 'http://localhost:7007/api/local-git/platform-gitops.git',
        path: `${FOLDER}/`,
        appliedState: 'unknown: no cluster configured',
      });
      const work = clone();
      const head = git(['rev-parse', 'HEAD'], work).trim();
      expect(outputs.commitUrl).toBe(
        `http://localhost:7007/api/local-git/platform-gitops/tree/${head}/${FOLDER}/`,
      );
      expect(git(['log', '-1', '--format=%an <%ae>'], work).trim()).toBe(
        'Mo Mock <mo@example.com>',
      );
      expect(git(['log', '-1', '--format=%B'], work)).toContain(
        `Paved-Operation: ${created.body.operation.id}`,
      );
      expect(Number(git(['rev-list', '--count', 'HEAD'], work))).toBe(1);

      // A quota raised past the baseline by hand, committed to the repository.
      const quotaFile = join(work, FOLDER, 'resourcequota.yaml');
      const rendered = readFileSync(quotaFile, 'utf8');
      writeFileSync(quotaFile, rendered.replace('pods: "30"', 'pods: "500"'));
      git(['commit', '--quiet', '-am', 'More pods'], work);
      git(['push', '--quiet', 'origin', 'HEAD:main'], work);

      await scheduler.triggerTask(RECONCILER_TASK);
      const line = rendered.split('\n').findIndex(l => l.includes('pods:')) + 1;
      expect(await findings(id)).toEqual(
        expect.arrayContaining([
          ['kubernetes.quota', 'quota.pods', '500'],
          [
            'kubernetes.manifests',
            `${FOLDER}/resourcequota.yaml`,
            `edited by hand (line ${line})`,
          ],
        ]),
      );

      // The class restores drift: the reconciler's update commits the rendering back.
      await eventually(async () => {
        expect(
          readFileSync(join(clone(), FOLDER, 'resourcequota.yaml'), 'utf8'),
        ).toBe(rendered);
      });
      await eventually(async () => {
        const { body } = await api.get(
          `/api/environments/environments/${id}/operations`,
        );
        expect(body.items.map((o: any) => [o.type, o.state])).toEqual([
          ['update', 'succeeded'],
          ['create', 'succeeded'],
        ]);
      });
      await scheduler.triggerTask(RECONCILER_TASK);
      expect(await findings(id)).toEqual([]);

      await api.delete(`/api/environments/environments/${id}`).expect(202);
      await eventually(async () => {
        const { body } = await api.get(`/api/environments/environments/${id}`);
        expect(body.status).toBe('destroyed');
      });
      const after = clone();
      expect(existsSync(join(after, FOLDER))).toBe(false);
      expect(
        readFileSync(
          join(after, 'clusters/local/namespaces/kustomization.yaml'),
          'utf8',
        ),
      ).not.toContain('checkout-api-staging-app');
    } finally {
      await backend.stop();
    }
  });
});
