import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { createTestEnvironments } from './__testUtils__/createTestEnvironments';

const PLATFORM = 'group:default/platform-team';

/**
 * Two replicas, each with its own connection pool, on one PostgreSQL database: an
 * approval sent to both at the same moment queues one operation, and one of the two
 * approvers is told it was already decided.
 */
describe.each(TestDatabases.create({ ids: ['POSTGRES_18'] }).eachSupportedId())(
  'approvals on two replicas on %s',
  databaseId => {
    const databases = TestDatabases.create({ ids: [databaseId] });
    const pools: Knex[] = [];
    afterAll(async () => {
      await Promise.all(pools.map(p => p.destroy()));
    });

    it('queue exactly one operation when both approve the same request at once', async () => {
      const first = await databases.init(databaseId);
      const second = knexFactory(first.client.config);
      pools.push(second);
      const replica = (knex: Knex) =>
        createTestEnvironments({
          knex,
          classes: [
            {
              name: 'production',
              tier: 'production',
              lifecycle: 'static',
              resources: { double: { target: 'local' } },
              approval: { always: true },
            },
          ],
          paved: { permissions: { platformGroup: PLATFORM } },
          memberships: {
            'user:default/ada': [PLATFORM],
            'user:default/bob': [PLATFORM],
          },
        });
      const [a, b] = [await replica(first), await replica(second)];
      const guest = mockCredentials.user('user:default/guest');

      for (let round = 0; round < 10; round++) {
        const answer = (await a.environments.create(
          {
            name: `prod-${round}`,
            class: 'production',
            owner: 'group:default/checkout-team',
            entityRef: 'component:default/checkout-api',
            resources: [{ type: 'double', name: 'main', spec: {} }],
          },
          { credentials: guest },
        )) as any;
        const id = answer.approval.requestId;
        const results = await Promise.allSettled([
          a.environments.decideRequest(
            id,
            { decision: 'approve' },
            mockCredentials.user('user:default/ada'),
          ),
          b.environments.decideRequest(
            id,
            { decision: 'approve' },
            mockCredentials.user('user:default/bob'),
          ),
        ]);
        expect(results.map(r => r.status).sort()).toEqual([
          'fulfilled',
          'rejected',
        ]);
        const refused = results.find(
          r => r.status === 'rejected',
        ) as PromiseRejectedResult;
        expect(refused.reason.name).toBe('ConflictError');
        const operations = await first('operations').where({
          environment_id: answer.environment.id,
        });
        expect(operations.map(o => o.state)).toEqual(['queued']);
      }
    });
  },
);
