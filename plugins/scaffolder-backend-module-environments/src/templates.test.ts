import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import environmentsPlugin from '@paved/plugin-environments-backend';
import gitopsModule from '@paved/plugin-environments-backend-module-gitops';
import postgresModule from '@paved/plugin-environments-backend-module-postgres';
import { execFileSync } from 'node:child_process';
import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { checkoutApi } from './__testUtils__/checkoutApi';
import { databasesLike } from './__testUtils__/databasesLike';
import { environmentsConfig } from './__testUtils__/environmentsConfig';
import scaffolderModule from '.';

/*
 * The golden-path templates in templates/, run through the real scaffolder with these
 * actions, the environments backend and the PostgreSQL and GitOps providers; the databases
 * are then looked for on the server, the namespaces in the git repository.
 */

const templatesDir = path.resolve(__dirname, '../../../templates');
const templates = fs
  .readdirSync(templatesDir)
  .filter(name => fs.existsSync(path.join(templatesDir, name, 'template.yaml')))
  .map(name =>
    yaml.parse(
      fs.readFileSync(path.join(templatesDir, name, 'template.yaml'), 'utf8'),
    ),
  );

const gitFolder = fs.mkdtempSync(
  path.join(os.tmpdir(), 'paved-templates-git-'),
);
afterAll(() => fs.rmSync(gitFolder, { recursive: true, force: true }));

/** The config with namespaces committed to platform-gitops in the test's folder. */
function withGitops(config: JsonObject): JsonObject {
  return {
    ...config,
    providers: {
      ...(config.providers as JsonObject),
      gitops: {
        targets: { local: { localGit: { repository: 'platform-gitops' } } },
      },
    },
  };
}

/** The files of the GitOps repository's main branch. */
function gitopsFiles(): string[] {
  const gitDir = path.join(gitFolder, 'platform-gitops.git');
  const head = execFileSync(
    'git',
    ['--git-dir', gitDir, 'rev-parse', '--verify', '--quiet', 'main'],
    { encoding: 'utf8' },
  ).trim();
  return execFileSync(
    'git',
    ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', head],
    { encoding: 'utf8' },
  )
    .split('\n')
    .filter(Boolean);
}

describe('the golden-path templates, through the real scaffolder', () => {
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        environmentsPlugin,
        postgresModule,
        gitopsModule,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://portal.test' },
            backend: { baseUrl: 'http://localhost:7007' },
            localGit: { directory: gitFolder },
            environments: withGitops(
              await environmentsConfig([
                {
                  name: 'preview',
                  tier: 'preview',
                  lifecycle: 'ephemeral',
                  ttl: { default: '24h', max: '7d' },
                  resources: {
                    'postgres-database': { target: 'shared' },
                    'kubernetes-namespace': { target: 'local' },
                  },
                },
              ]),
            ),
          },
        }),
        catalogServiceMock.factory({
          entities: [...templates, checkoutApi],
        }),
      ],
    });
    api = request(server);
  });

  async function run(template: string, values: object) {
    const created = await api
      .post('/api/scaffolder/v2/tasks')
      .send({ templateRef: `template:default/${template}`, values });
    expect(created.status).toBe(201);
    for (let i = 0; i < 600; i++) {
      const task = (
        await api.get(`/api/scaffolder/v2/tasks/${created.body.id}`)
      ).body;
      if (task.status === 'completed' || task.status === 'failed') {
        const events = (
          await api.get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
        ).body;
        return {
          task,
          log: events
            .map((e: any) => e.body?.message)
            .filter(Boolean)
            .join('\n'),
        };
      }
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`task for ${template} did not finish`);
  }

  it('has the three templates that need no publishing, each linking to its guideline', () => {
    const names = templates.map(t => t.metadata.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'paved-ephemeral-environment',
        'paved-postgres-database',
        'paved-destroy-environment',
      ]),
    );
    for (const template of templates) {
      // The catalog refuses an entity whose links are not absolute URLs.
      for (const link of template.metadata.links) {
        expect(() => new URL(link.url)).not.toThrow();
      }
      expect(template.metadata.links[0].url).toMatch(
        new RegExp(
          `/docs/default/component/platform-guidelines/golden-paths/#${template.metadata.name}$`,
        ),
      );
    }
  });

  it('creates a preview environment with a database, adds another, then destroys it all', async () => {
    const ephemeral = await run('paved-ephemeral-environment', {
      component: 'component:default/checkout-api',
      owner: 'group:default/checkout-team',
      name: 'tpl-1',
      ttl: '4h',
      database: true,
    });
    expect([ephemeral.task.status, ephemeral.log]).toEqual([
      'completed',
      expect.stringContaining('Run completed with status: completed'),
    ]);
    expect(await databasesLike('tpl_1_main_%')).toHaveLength(1);

    const database = await run('paved-postgres-database', {
      component: 'component:default/checkout-api',
      environment: 'tpl-1',
      name: 'reports',
      connectionLimit: 3,
      statementTimeout: '5s',
    });
    expect(database.task.status).toBe('completed');
    expect(await databasesLike('tpl_1_%')).toHaveLength(2);

    const destroyed = await run('paved-destroy-environment', {
      component: 'component:default/checkout-api',
      environment: 'tpl-1',
    });
    expect(destroyed.task.status).toBe('completed');
    expect(await databasesLike('tpl_1_%')).toEqual([]);
  }, 120_000);

  it('creates a preview environment with a namespace, adds another, as files in platform-gitops that destroy removes', async () => {
    const ephemeral = await run('paved-ephemeral-environment', {
      component: 'component:default/checkout-api',
      owner: 'group:default/checkout-team',
      name: 'tpl-ns',
      ttl: '4h',
      database: false,
      namespace: true,
    });
    expect(ephemeral.task.status).toBe('completed');
    // The ephemeral environment's own namespace, beside the one the next template adds.
    expect(gitopsFiles()).toContain(
      'clusters/local/namespaces/checkout-api-tpl-ns-app/namespace.yaml',
    );

    const namespace = await run('paved-kubernetes-namespace', {
      component: 'component:default/checkout-api',
      environment: 'tpl-ns',
      name: 'web',
      cpu: '1',
      memory: '2Gi',
      pods: 10,
      ownerRole: 'view',
      allowNamespaces: ['monitoring'],
    });
    expect([namespace.task.status, namespace.log]).toEqual([
      'completed',
      expect.stringContaining('Run completed with status: completed'),
    ]);
    expect(gitopsFiles()).toEqual(
      expect.arrayContaining([
        'clusters/local/namespaces/checkout-api-tpl-ns-app/namespace.yaml',
        'clusters/local/namespaces/checkout-api-tpl-ns-web/namespace.yaml',
        'clusters/local/namespaces/checkout-api-tpl-ns-web/rolebinding.yaml',
      ]),
    );

    const destroyed = await run('paved-destroy-environment', {
      component: 'component:default/checkout-api',
      environment: 'tpl-ns',
    });
    expect(destroyed.task.status).toBe('completed');
    expect(gitopsFiles().filter(f => f.includes('-tpl-ns-'))).toEqual([]);
  }, 120_000);

  it('refuses in the form what the form can know, before any task runs', async () => {
    const res = await api.post('/api/scaffolder/v2/tasks').send({
      templateRef: 'template:default/paved-ephemeral-environment',
      values: {
        component: 'component:default/checkout-api',
        owner: 'group:default/checkout-team',
        name: 'PR_1',
        ttl: '30d',
      },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/name/);
  });

  it("fails the first step with the API's message when the environment does not exist", async () => {
    const { task, log } = await run('paved-postgres-database', {
      component: 'component:default/checkout-api',
      environment: 'nope',
      name: 'main',
    });
    expect(task.status).toBe('failed');
    expect(log).toMatch(
      /environmentName: component:default\/checkout-api has no environment named "nope"/,
    );
  });
});
