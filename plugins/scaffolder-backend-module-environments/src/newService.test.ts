import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import templateKindModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import environmentsPlugin from '@paved/plugin-environments-backend';
import postgresModule from '@paved/plugin-environments-backend-module-postgres';
import localGit from '@paved/plugin-local-git-backend';
import localGitPublish from '@paved/plugin-scaffolder-backend-module-local-git';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { databasesLike } from './__testUtils__/databasesLike';
import { environmentsConfig } from './__testUtils__/environmentsConfig';
import scaffolderModule from '.';

/*
 * paved-new-service end to end on the embedded default's parts: the real scaffolder
 * renders the skeleton, publishes it to the backend's own git host, the real catalog
 * registers it, and the environments backend provisions its two databases on the
 * PostgreSQL server. GitHub and GitLab publishing cannot be reached from here.
 */
describe('paved-new-service, through the real scaffolder and catalog', () => {
  const gitRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'new-service-git-'));
  let api: ReturnType<typeof request>;
  let port: number;

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        catalogPlugin,
        templateKindModule,
        environmentsPlugin,
        postgresModule,
        localGit,
        localGitPublish,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://portal.test' },
            backend: { baseUrl: 'http://localhost:7007' },
            localGit: { directory: gitRoot },
            scaffolder: { defaultEnvironment: { parameters: { publishTo: 'local' } } },
            catalog: {
              rules: [{ allow: ['Component', 'Template', 'Location', 'Group'] }],
              locations: [
                {
                  type: 'file',
                  target: path.resolve(__dirname, '../../../templates/paved-new-service/template.yaml'),
                },
              ],
            },
            environments: await environmentsConfig(
              ['development', 'staging'].map(name => ({
                name,
                tier: name,
                lifecycle: 'static',
                // Small enough for a test to reach: refusals must come before publishing.
                maxEnvironmentsPerOwner: name === 'staging' ? 2 : 25,
                resources: { 'postgres-database': { target: 'shared' } },
              })),
            ),
          },
        }),
      ],
    });
    api = request(server);
    port = (server.address() as AddressInfo).port;
    for (let i = 0; i < 150; i++) {
      const res = await api.get('/api/catalog/entities/by-name/template/default/paved-new-service');
      if (res.status === 200) return;
      await new Promise(r => setTimeout(r, 200));
    }
    const all = (await api.get('/api/catalog/entities')).body;
    throw new Error(`the catalog never had the template: ${JSON.stringify(all).slice(0, 3000)}`);
  });

  async function run(values: object) {
    const created = await api
      .post('/api/scaffolder/v2/tasks')
      .send({ templateRef: 'template:default/paved-new-service', values });
    expect(created.status).toBe(201);
    for (let i = 0; i < 900; i++) {
      const task = (await api.get(`/api/scaffolder/v2/tasks/${created.body.id}`)).body;
      if (task.status === 'completed' || task.status === 'failed') {
        const events = (await api.get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)).body;
        return {
          task,
          log: events.map((e: any) => e.body?.message).filter(Boolean).join('\n'),
          output: events.find((e: any) => e.type === 'completion')?.body?.output,
        };
      }
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('the task did not finish');
  }

  it('publishes a service that git clones, the catalog lists and whose environments have databases', async () => {
    const { task, log, output } = await run({
      name: 'orders-api',
      description: 'Takes and tracks orders',
      owner: 'group:default/checkout-team',
      environments: ['development', 'staging'],
    });
    expect([task.status, log]).toEqual(['completed', expect.stringContaining('completed')]);

    // The repository: cloned with git over HTTP, the skeleton rendered.
    const clone = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clone-')), 'orders-api');
    await promisify(execFile)('git', [
      'clone',
      '--quiet',
      `http://localhost:${port}/api/local-git/orders-api.git`,
      clone,
    ]);
    const catalogInfo = fs.readFileSync(path.join(clone, 'catalog-info.yaml'), 'utf8');
    expect(catalogInfo).toContain('name: orders-api');
    expect(catalogInfo).toContain('owner: group:default/checkout-team');
    expect(catalogInfo).not.toContain('system:');
    expect(fs.readFileSync(path.join(clone, 'docs/index.md'), 'utf8')).toMatch(/^# orders-api\n\nTakes and tracks orders\n/);
    expect(JSON.parse(fs.readFileSync(path.join(clone, 'package.json'), 'utf8'))).toMatchObject({
      name: 'orders-api',
      description: 'Takes and tracks orders',
    });

    // The catalog: the component, registered from the repository, with its TechDocs.
    const entity = (await api.get('/api/catalog/entities/by-name/component/default/orders-api')).body;
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location':
        'url:http://localhost:7007/api/local-git/orders-api/blob/main/catalog-info.yaml',
      'backstage.io/techdocs-ref': 'dir:.',
    });

    // The environments, each with its database on the server.
    const environments = (
      await api.get('/api/environments/environments').query({ entityRef: 'component:default/orders-api' })
    ).body.items;
    expect(environments.map((e: any) => [e.name, e.status, e.scaffolderTaskId])).toEqual([
      ['staging', 'ready', task.id],
      ['development', 'ready', task.id],
    ]);
    expect(await databasesLike('development_main_%')).toHaveLength(1);
    expect(await databasesLike('staging_main_%')).toHaveLength(1);
    expect(output.links.map((l: any) => l.title)).toEqual([
      'Open the service in the catalog',
      'Repository',
    ]);
  }, 180_000);

  it('stops at its first step, before anything is created, when an environment would be refused', async () => {
    const first = await run({
      name: 'quota-a',
      description: 'First',
      owner: 'group:default/quota-team',
      environments: ['staging'],
    });
    expect(first.task.status).toBe('completed');
    await run({ name: 'quota-b', description: 'Second', owner: 'group:default/quota-team', environments: ['staging'] });

    // A third staging environment is over the class's limit for the group.
    const refused = await run({
      name: 'quota-c',
      description: 'Third',
      owner: 'group:default/quota-team',
      environments: ['development', 'staging'],
    });
    expect(refused.task.status).toBe('failed');
    expect(refused.log).toContain(
      'owner: group:default/quota-team already has 2 staging environments, the most the class allows',
    );
    // A name the catalog has already is refused the same way.
    const taken = await run({
      name: 'quota-a',
      description: 'Again',
      owner: 'group:default/checkout-team',
      environments: ['development'],
    });
    expect(taken.task.status).toBe('failed');
    expect(taken.log).toContain(
      'entityRef: component:default/quota-a is already in the catalog; choose another name',
    );

    // Nothing of either exists: no repository, no component, no environment.
    const repositories = (await api.get('/api/local-git/')).body.items.map((r: any) => r.name);
    expect(repositories).toEqual(expect.arrayContaining(['quota-a', 'quota-b']));
    expect(repositories).not.toContain('quota-c');
    expect((await api.get('/api/catalog/entities/by-name/component/default/quota-c')).status).toBe(404);
    const environments = (
      await api.get('/api/environments/environments').query({ entityRef: 'component:default/quota-a' })
    ).body.items;
    expect(environments.map((e: any) => [e.name, e.owner])).toEqual([['staging', 'group:default/quota-team']]);
  }, 240_000);

  it('refuses a bad name in the form, before any task runs', async () => {
    const res = await api.post('/api/scaffolder/v2/tasks').send({
      templateRef: 'template:default/paved-new-service',
      values: { name: 'Orders_API', description: 'x', owner: 'group:default/checkout-team' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/name/);
  });
});
