import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { createTestEnvironments } from './__testUtils__/createTestEnvironments';
import {
  at,
  days,
  GOAL_TEST_CLASSES,
  goalConfig,
  NOW,
  PLATFORM,
  PROD,
  seeder,
  TEAM_A,
  TEAM_B,
} from './__testUtils__/seedGoalData';

const conformance = goalConfig('baseline-conformance', {
  id: 'conformance',
  title: 'Environments meet their baseline',
  target: 75,
});
const day = (n: number) => new Date(NOW.getTime() + n * days(1) * 3600_000);

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('goal snapshots on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  /** Two live environments, one of them held back by an open high finding: 50%. */
  async function halfConforming() {
    const knex = await databases.init(databaseId);
    const start = () =>
      createTestEnvironments({
        knex,
        classes: GOAL_TEST_CLASSES,
        goals: [conformance],
      });
    const t = await start();
    const seed = seeder(knex);
    await seed.environment('e1');
    await seed.environment('e2', { ...PROD, status: 'degraded' });
    await seed.finding('f1', 'e2');
    const rows = () =>
      knex('goal_snapshots').where({ goal_id: 'conformance' }).orderBy('day');
    return { ...t, knex, seed, start, rows };
  }

  it('keeps one snapshot per goal and day, the day’s last, across a restart', async () => {
    const t = await halfConforming();
    const first = await t.goals.snapshot(NOW);
    expect(first).toEqual({
      day: '2026-12-10',
      items: [
        { goalId: 'conformance', value: 50, target: 75, status: 'behind' },
      ],
    });
    await t.seed.environment('e3');
    await t.goals.snapshot(new Date(NOW.getTime() + 3600_000));
    expect(await t.rows()).toHaveLength(1);

    // Another process on the same database reads the history the first one wrote.
    const restarted = await t.start();
    await restarted.goals.snapshot(day(1));
    const [goal] = await restarted.goals.list({}, day(1));
    expect(goal.history).toEqual([
      { day: '2026-12-10', value: 66.67, target: 75, status: 'behind' },
      { day: '2026-12-11', value: 66.67, target: 75, status: 'behind' },
    ]);
    expect((await t.rows()).map(r => r.day)).toEqual([
      '2026-12-10',
      '2026-12-11',
    ]);
    expect(JSON.parse((await t.rows())[1].statistics)).toEqual({
      conformance: 66.67,
      live: 3,
    });
  });

  it('tells the owner and the teams it covers once when a goal reaches its target', async () => {
    const t = await halfConforming();
    const reached = () =>
      t.sent.filter(n => n.payload.title.startsWith('Goal reached'));
    await t.goals.snapshot(NOW);
    expect(reached()).toEqual([]);

    await t.knex('findings').update({ resolved_at: at(days(1)) });
    await t.goals.snapshot(day(1));
    expect(
      reached().map(n => [(n.recipients as any).entityRef, n.payload]),
    ).toEqual(
      [PLATFORM, TEAM_A, TEAM_B].map(group => [
        group,
        {
          title: 'Goal reached: Environments meet their baseline',
          description:
            '100% against a target of at least 75% by 2027-03-31. Well done to everyone who moved it.',
          link: '/environments/goals?goal=conformance',
          severity: 'normal',
          topic: 'paved-goals',
        },
      ]),
    );

    // Again the same day, the next day, and after it slips and reaches it again: no more.
    await t.goals.snapshot(day(1));
    await t.goals.snapshot(day(2));
    await t.seed.finding('f2', 'e1');
    await t.goals.snapshot(day(3));
    await t.knex('findings').update({ resolved_at: at(days(4)) });
    await t.goals.snapshot(day(4));
    expect(reached()).toHaveLength(3);
  });

  it('answers a goal it does not know with a NotFoundError naming it', async () => {
    const t = await halfConforming();
    await expect(
      t.goals.get('nope', mockCredentials.user(), NOW),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'There is no goal "nope"; the goals are conformance',
    });
  });
});
