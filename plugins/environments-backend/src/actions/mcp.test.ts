import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import postgresModule from '@paved/plugin-environments-backend-module-postgres';
import {
  createTestProvisioningRole,
  queryAsTestAdmin,
} from '@paved/plugin-environments-backend-module-postgres/testUtils';
import { Client } from 'pg';
import request from 'supertest';
import { checkoutApi } from '../__testUtils__/startWithProviderDouble';
import { environmentsPlugin } from '../plugin';
import { connectMcp, McpSession } from './__testUtils__/mcpSession';
import { people } from './__testUtils__/ownersPolicy';
import { mcpConfig, mcpFeatures } from './__testUtils__/startWithMcp';

/** Calls get-environment until the environment is in `status` (or failed). */
async function follow(session: McpSession, id: string, status: string) {
  let environment: any;
  for (let i = 0; i < 400 && environment?.status !== status; i++) {
    ({ environment } = await session.expectOutput('get-environment', { id }));
    if (environment.status === 'failed')
      throw new Error(environment.statusReason);
    await new Promise(r => setTimeout(r, 50));
  }
  expect(environment.status).toBe(status);
  return environment;
}

describe('environments through MCP, against a real PostgreSQL server', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('plans, creates, follows, extends and destroys as an owner; refuses an outsider and an unconfirmed production destroy; never answers a password', async () => {
    const role = await createTestProvisioningRole();
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        postgresModule,
        ...mcpFeatures,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: {
            ...mcpConfig,
            environments: {
              secrets: { key: Buffer.alloc(32, 5).toString('base64') },
              classes: [
                {
                  name: 'preview',
                  tier: 'preview',
                  lifecycle: 'ephemeral',
                  ttl: { default: '24h', max: '7d' },
                  resources: {
                    'postgres-database': { target: 'shared', monthlyCost: 4 },
                  },
                },
                {
                  name: 'production',
                  tier: 'production',
                  lifecycle: 'static',
                  resources: {
                    'postgres-database': { target: 'shared', monthlyCost: 120 },
                  },
                },
              ],
              providers: {
                postgres: {
                  targets: { shared: { ...role.connection } as JsonObject },
                },
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: [checkoutApi] }),
      ],
    });
    const ada = await connectMcp(server, people.ada.ref);
    const mallory = await connectMcp(server, people.mallory.ref);
    const pat = await connectMcp(server, people.pat.ref);
    const { tools } = await ada.client.listTools();
    expect(tools.map(t => t.name)).toEqual([
      'environments.list-environments',
      'environments.get-environment',
      'environments.plan-environment',
      'environments.create-environment',
      'environments.extend-environment',
      'environments.destroy-environment',
      'environments.list-findings',
    ]);

    const asked = {
      name: 'pr-42',
      class: 'preview',
      owner: 'group:default/checkout-team',
      entityRef: 'component:default/checkout-api',
      ttl: '4h',
      resources: [
        {
          type: 'postgres-database',
          name: 'main',
          spec: { connectionLimit: 10 },
        },
      ],
    };
    const plan = await ada.expectOutput('plan-environment', asked);
    expect(plan).toMatchObject({
      environment: {
        name: 'pr-42',
        tier: 'preview',
        resources: [{ type: 'postgres-database', target: 'shared' }],
      },
      estimatedMonthlyCost: { amount: 4 },
      warnings: [],
    });
    expect(plan.approval).toBeUndefined();
    expect((await ada.expectOutput('list-environments', {})).totalItems).toBe(
      0,
    );

    const created = await ada.expectOutput('create-environment', asked);
    expect(created).toMatchObject({
      environment: {
        name: 'pr-42',
        status: 'provisioning',
        createdBy: people.ada.ref,
      },
      operation: { type: 'create', requestedBy: people.ada.ref },
    });
    const id = created.environment.id;
    const ready = await follow(ada, id, 'ready');
    const [database] = ready.resources;
    expect(database.outputs).toEqual({
      host: role.connection.host,
      port: role.connection.port,
      database: expect.stringMatching(/^pr_42_main_[0-9a-f]{8}$/),
      user: expect.stringMatching(/^pr_42_main_[0-9a-f]{8}_owner$/),
    });

    // The user reveals the password in the portal (REST, audited); it is never an output.
    const { connectionString } = (
      await request(server)
        .get(`/api/environments/resources/${database.id}/secret`)
        .set('Authorization', mockCredentials.user.header(people.ada.ref))
        .expect(200)
    ).body;
    const password = decodeURIComponent(new URL(connectionString).password);
    expect(password.length).toBeGreaterThanOrEqual(32);
    const app = new Client({ connectionString });
    await app.connect();
    expect((await app.query('SELECT current_database() AS name')).rows).toEqual(
      [{ name: database.outputs.database }],
    );
    await app.end();

    const extended = await ada.expectOutput('extend-environment', {
      id,
      ttl: '2d',
    });
    expect(extended.operation).toMatchObject({
      type: 'extend',
      state: 'succeeded',
    });
    expect(Date.parse(extended.environment.expiresAt)).toBeGreaterThan(
      Date.parse(ready.expiresAt),
    );

    // Someone outside the owner group may see it, not destroy it.
    expect(
      (await mallory.expectOutput('get-environment', { id })).environment
        .status,
    ).toBe('ready');
    expect(await mallory.call('destroy-environment', { id })).toEqual({
      ok: false,
      error: `NotAllowedError: You are not allowed to do this to environment ${id} (permission environments.environment.delete)`,
    });
    expect(await mallory.call('extend-environment', { id, ttl: '7d' })).toEqual(
      {
        ok: false,
        error: `NotAllowedError: You are not allowed to do this to environment ${id} (permission environments.environment.update)`,
      },
    );

    const destroying = await ada.expectOutput('destroy-environment', { id });
    expect(destroying.operation).toMatchObject({
      type: 'destroy',
      requestedBy: people.ada.ref,
    });
    expect(
      (await ada.expectOutput('destroy-environment', { id })).operation.id,
    ).toBe(destroying.operation.id);
    await follow(ada, id, 'destroyed');
    expect(
      await queryAsTestAdmin(
        `SELECT 1 FROM pg_database WHERE datname = '${database.outputs.database}'`,
      ),
    ).toEqual([]);

    // Production: the owner group may not destroy it, the platform team must confirm.
    const production = await pat.expectOutput('create-environment', {
      name: 'checkout-prod',
      class: 'production',
      owner: 'group:default/checkout-team',
      entityRef: 'component:default/checkout-api',
    });
    const prodId = production.environment.id;
    await follow(pat, prodId, 'ready');
    expect(
      await ada.call('destroy-environment', {
        id: prodId,
        confirm: 'checkout-prod',
      }),
    ).toEqual({
      ok: false,
      error: `NotAllowedError: You are not allowed to do this to environment ${prodId} (permission environments.environment.delete)`,
    });
    expect(await pat.call('destroy-environment', { id: prodId })).toEqual({
      ok: false,
      error:
        'InputError: confirm: destroying a production environment needs ?confirm=checkout-prod',
    });
    expect(
      (await pat.expectOutput('get-environment', { id: prodId })).environment
        .status,
    ).toBe('ready');
    await pat.expectOutput('destroy-environment', {
      id: prodId,
      confirm: 'checkout-prod',
    });
    await follow(pat, prodId, 'destroyed');

    // Every answer any of them got, and the tool list, searched for the password.
    const answers = [
      ...ada.transcript,
      ...mallory.transcript,
      ...pat.transcript,
    ];
    // 18 calls at least, more while following provisioning.
    expect(answers.length).toBeGreaterThanOrEqual(18);
    expect(
      [JSON.stringify(tools), ...answers].filter(text =>
        text.includes(password),
      ),
    ).toEqual([]);
    // Nor any field that could carry one.
    expect(
      answers.filter(answer =>
        /password|connectionString|secret/i.test(answer),
      ),
    ).toEqual([]);

    await Promise.all([ada.close(), mallory.close(), pat.close()]);
    await role.drop();
  });
});
