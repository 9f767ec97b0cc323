import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import crypto from 'node:crypto';
import { createTestEnvironments } from '../__testUtils__/createTestEnvironments';

const classes = [
  {
    name: 'dev',
    tier: 'development',
    lifecycle: 'static',
    resources: { double: { target: 'local' } },
  },
];

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('EnvironmentLifecycle on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });
  const credentials = mockCredentials.user();

  async function readyEnvironment() {
    const env = await createTestEnvironments({
      knex: await databases.init(databaseId),
      classes,
    });
    const created = (await env.environments.create(
      {
        name: 'dev-1',
        class: 'dev',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [{ type: 'double', name: 'main', spec: {} }],
      },
      { credentials },
    )) as any;
    await env.engine.runOnce();
    const record = (await env.store.environments.getRecord(
      created.environment.id,
    ))!;
    expect(record.status).toBe('ready');
    return { ...env, record };
  }

  it('refuses a change the environment is not in a state for, and writes nothing', async () => {
    const { lifecycle, store, record } = await readyEnvironment();
    const before = await store.operations.listOperations(record.id);

    const { result } = await lifecycle.queue('retryUpdate', {
      environmentId: record.id,
      operation: {
        id: crypto.randomUUID(),
        type: 'update',
        requestedBy: 'user:default/mock',
      },
      now: new Date(),
    });
    expect(result).toBe('refused');
    expect(
      await lifecycle.setHealth(record, 'recover', undefined, new Date()),
    ).toBe(false);

    expect(await store.operations.listOperations(record.id)).toEqual(before);
    expect((await store.environments.getRecord(record.id))!.status).toBe(
      'ready',
    );
  });

  it('refuses a restore once a destroy is queued, leaving the resource as it was', async () => {
    const { lifecycle, environments, store, record } = await readyEnvironment();
    const [resource] = await store.environments.listResources(record.id);
    await environments.destroy(record.id, undefined, credentials);

    const { result } = await lifecycle.queue('restore', {
      environmentId: record.id,
      operation: {
        id: crypto.randomUUID(),
        type: 'update',
        requestedBy: 'paved:reconciler',
      },
      pendingResourceIds: { ids: [resource.id], reason: 'Drifted; restoring' },
      now: new Date(),
    });
    expect(result).toBe('refused');
    expect((await store.environments.getResource(resource.id))!.status).toBe(
      'ready',
    );
  });

  it('moves ready to degraded and back, once each', async () => {
    const { lifecycle, store, record } = await readyEnvironment();
    expect(
      await lifecycle.setHealth(
        record,
        'degrade',
        'Baseline: 1 finding',
        new Date(),
      ),
    ).toBe(true);
    const degraded = (await store.environments.getRecord(record.id))!;
    expect(degraded).toMatchObject({
      status: 'degraded',
      statusReason: 'Baseline: 1 finding',
    });
    expect(
      await lifecycle.setHealth(degraded, 'recover', undefined, new Date()),
    ).toBe(true);
    expect(
      await lifecycle.setHealth(degraded, 'recover', undefined, new Date()),
    ).toBe(false);
  });
});
