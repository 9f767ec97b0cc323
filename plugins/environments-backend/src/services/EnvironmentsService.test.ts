import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { createTestEnvironments } from '../__testUtils__/createTestEnvironments';

const classes = [
  {
    name: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    ttl: { default: '1d', max: '7d' },
    resources: { double: { target: 'local' } },
  },
];

describe('EnvironmentsService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('audits every write and every secret reveal, refused ones included', async () => {
    const { environments, engine, provider, audit } = await createTestEnvironments({
      knex: await databases.init('SQLITE_3'),
      classes,
    });
    const credentials = mockCredentials.user();
    let release!: () => void;
    provider.gate = new Promise(resolve => (release = resolve));

    const { environment } = (await environments.create(
      {
        name: 'pr-1',
        class: 'preview',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [{ type: 'double', name: 'main', spec: {} }],
      },
      { credentials },
    )) as any;
    const resourceId = environment.resources[0].id;

    // Not ready yet: the reveal is refused, and that is audited too.
    await expect(environments.revealSecret(resourceId, credentials)).rejects.toThrow(
      /main is pending; its connection details exist once it is ready/,
    );
    const running = engine.runOnce();
    release();
    await running;

    await environments.revealSecret(resourceId, credentials);
    await environments.extend(environment.id, '2d', credentials);
    await environments.destroy(environment.id, undefined, credentials);

    expect(audit.map(a => `${a.eventId}:${a.outcome}`)).toEqual([
      'environment-create:success',
      'resource-secret-read:fail',
      'resource-secret-read:success',
      'environment-extend:success',
      'environment-destroy:success',
    ]);
    // The audit trail says what, never the secret itself.
    expect(JSON.stringify(audit)).not.toContain(`secret-for-${resourceId}`);
  });

  it('lists each environment with its running operation and the task that created it', async () => {
    const { environments, engine, provider } = await createTestEnvironments({
      knex: await databases.init('SQLITE_3'),
      classes,
    });
    const credentials = mockCredentials.user();
    const request = {
      class: 'preview',
      owner: 'group:default/checkout-team',
      entityRef: 'component:default/checkout-api',
      resources: [{ type: 'double', name: 'main', spec: {} }],
    };
    const { operation } = (await environments.create(
      { ...request, name: 'pr-1' },
      { credentials, scaffolderTaskId: 'task-1' },
    )) as any;
    await environments.create({ ...request, name: 'pr-2' }, { credentials });

    const query = { entityRefs: [request.entityRef], limit: 50, offset: 0 };
    const before = await environments.list(query, credentials);
    expect(
      before.items.map(e => [e.name, e.activeOperation?.id === undefined, e.scaffolderTaskId]),
    ).toEqual([
      ['pr-1', false, 'task-1'],
      ['pr-2', false, undefined],
    ]);
    expect(before.items[0].activeOperation).toMatchObject({
      id: operation.id,
      type: 'create',
      state: 'queued',
    });

    provider.permanentFailure = 'the double refused';
    await engine.runOnce();
    await engine.runOnce();
    const after = await environments.list(query, credentials);
    expect(after.items.map(e => [e.name, e.status, e.activeOperation])).toEqual([
      ['pr-1', 'failed', undefined],
      ['pr-2', 'ready', undefined],
    ]);
    // The task link outlives the operation.
    expect(after.items[0].scaffolderTaskId).toBe('task-1');
  });

  it('retries a failed destroy as a destroy, and only one of two simultaneous retries', async () => {
    const { environments, engine, provider } = await createTestEnvironments({
      knex: await databases.init('SQLITE_3'),
      classes,
    });
    const credentials = mockCredentials.user();
    const { environment } = (await environments.create(
      {
        name: 'pr-1',
        class: 'preview',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [{ type: 'double', name: 'main', spec: {} }],
      },
      { credentials },
    )) as any;
    await engine.runOnce();
    await environments.destroy(environment.id, undefined, credentials);
    provider.permanentFailure = 'the target refused the drop';
    await engine.runOnce();
    expect((await environments.get(environment.id, credentials)).status).toBe('failed');

    const results = await Promise.allSettled([
      environments.retry(environment.id, credentials),
      environments.retry(environment.id, credentials),
    ]);
    expect(results.map(r => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const won = results.find(r => r.status === 'fulfilled') as PromiseFulfilledResult<any>;
    expect(won.value.operation.type).toBe('destroy');
    await engine.runOnce();
    expect((await environments.get(environment.id, credentials)).status).toBe('destroyed');
  });
});
