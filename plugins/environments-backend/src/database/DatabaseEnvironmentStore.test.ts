import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { createTestEnvironments } from '../__testUtils__/createTestEnvironments';

const classes = [
  {
    name: 'dev',
    tier: 'development',
    lifecycle: 'static',
    maxEnvironmentsPerOwner: 50,
  },
  { name: 'prod', tier: 'production', lifecycle: 'static' },
];

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('EnvironmentsStore on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  async function seeded() {
    const env = await createTestEnvironments({
      knex: await databases.init(databaseId),
      classes,
    });
    const add = (name: string, owner: string, cls = 'dev') =>
      env.environments.create(
        {
          name,
          class: cls,
          owner: `group:default/${owner}`,
          entityRef: 'component:default/checkout-api',
          resources: [],
        },
        { credentials: mockCredentials.user() },
      );
    await add('a-checkout', 'checkout-team');
    await add('b-storefront', 'storefront-team');
    await add('live', 'checkout-team', 'prod');
    await add('c-checkout', 'checkout-team');
    return env.store.environments;
  }

  it('applies permission conditions inside the query, totals included', async () => {
    const store = await seeded();
    const { items, totalItems } = await store.listEnvironments(
      { limit: 10, offset: 0 },
      {
        allOf: [
          { property: 'owner', values: ['group:default/checkout-team'] },
          { not: { property: 'tier', values: ['production'] } },
        ],
      },
    );
    expect(items.map(e => e.name)).toEqual(['a-checkout', 'c-checkout']);
    expect(totalItems).toBe(2);

    const either = await store.listEnvironments(
      { limit: 10, offset: 0 },
      {
        anyOf: [
          { property: 'owner', values: ['group:default/storefront-team'] },
          { property: 'tier', values: ['production'] },
        ],
      },
    );
    expect(either.items.map(e => e.name)).toEqual(['live', 'b-storefront']);

    const none = await store.listEnvironments(
      { limit: 10, offset: 0 },
      { property: 'owner', values: [] },
    );
    expect(none).toEqual({ items: [], totalItems: 0 });
  });

  it('pages in a stable order, production first', async () => {
    const store = await seeded();
    const first = await store.listEnvironments({ limit: 2, offset: 0 });
    const second = await store.listEnvironments({ limit: 2, offset: 2 });
    expect(first.items.map(e => e.name)).toEqual(['live', 'a-checkout']);
    expect(second.items.map(e => e.name)).toEqual([
      'b-storefront',
      'c-checkout',
    ]);
    expect(first.totalItems).toBe(4);
  });
});
