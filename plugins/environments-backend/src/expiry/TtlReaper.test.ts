import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { createTestEnvironments } from '../__testUtils__/createTestEnvironments';

const preview = {
  name: 'preview',
  tier: 'preview',
  lifecycle: 'ephemeral',
  ttl: { default: '24h', max: '7d', warnBefore: '2h' },
  resources: { double: { target: 'local' } },
};
const HOUR = 3_600_000;

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('TtlReaper on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  it('warns once before expiry, destroys when expired, and reports once when gone', async () => {
    const { environments, engine, reaper, sent, provider } =
      await createTestEnvironments({
        knex: await databases.init(databaseId),
        classes: [
          preview,
          { name: 'dev', tier: 'development', lifecycle: 'static' },
        ],
      });
    const credentials = mockCredentials.user();
    const created = (await environments.create(
      {
        name: 'pr-7',
        class: 'preview',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        ttl: '4h',
        resources: [{ type: 'double', name: 'main', spec: {} }],
      },
      { credentials },
    )) as any;
    await environments.create(
      {
        name: 'shared',
        class: 'dev',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [],
      },
      { credentials },
    );
    while (await engine.runOnce());
    const start = Date.now();

    expect(await reaper.run(new Date(start + 1 * HOUR))).toEqual({
      warned: 0,
      destroyed: 0,
      reported: 0,
    });

    expect(await reaper.run(new Date(start + 2.5 * HOUR))).toEqual({
      warned: 1,
      destroyed: 0,
      reported: 0,
    });
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'group:default/checkout-team',
        },
        payload: expect.objectContaining({
          title: expect.stringMatching(/^pr-7 expires in (1h|90m|89m|91m)$/),
          severity: 'high',
          link: '/catalog/default/component/checkout-api',
        }),
      },
    ]);
    // Once per environment, however often the reaper passes.
    expect(await reaper.run(new Date(start + 3 * HOUR))).toEqual({
      warned: 0,
      destroyed: 0,
      reported: 0,
    });

    expect(await reaper.run(new Date(start + 4.1 * HOUR))).toEqual({
      warned: 0,
      destroyed: 1,
      reported: 0,
    });
    const destroying = await environments.get(
      created.environment.id,
      credentials,
    );
    expect(destroying.status).toBe('destroying');
    while (await engine.runOnce());
    expect(provider.destroyed).toHaveLength(1);

    expect(await reaper.run(new Date(start + 4.2 * HOUR))).toEqual({
      warned: 0,
      destroyed: 0,
      reported: 1,
    });
    expect(sent[1].payload.title).toBe('pr-7 expired and was destroyed');
    expect(await reaper.run(new Date(start + 5 * HOUR))).toEqual({
      warned: 0,
      destroyed: 0,
      reported: 0,
    });

    const operations = await environments.operations(
      created.environment.id,
      credentials,
    );
    expect(operations[0]).toMatchObject({
      type: 'destroy',
      state: 'succeeded',
      requestedBy: 'paved:ttl-reaper',
    });
    // The static environment was never touched.
    const list = await environments.list({ limit: 10, offset: 0 }, credentials);
    expect(list.items.map(e => `${e.name}:${e.status}`)).toEqual([
      'shared:ready',
    ]);
  });
});
