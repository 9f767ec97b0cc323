import { TestDatabases } from '@backstage/backend-test-utils';
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

const goals = [
  goalConfig('baseline-conformance', {
    id: 'baseline',
    title: 'Environments meet their baseline',
    target: 75,
  }),
  goalConfig('self-service-share', {
    id: 'golden-paths',
    title: 'Most environments come from a golden path',
  }),
  goalConfig('cost-against-budget', {
    id: 'budget',
    title: 'Storefront stays within budget',
    owner: TEAM_B,
    scope: { owner: TEAM_B },
    target: 1000,
  }),
];
const LINK = '/catalog/default/component/checkout-api';

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('the weekly goals digest on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  /**
   * A constructed week: a week ago the baseline goal was behind and the golden-paths goal
   * reached; now it is the other way round, the budget goal reached both times, and
   * two operations failed and a request was refused.
   */
  async function week() {
    const knex = await databases.init(databaseId);
    const t = await createTestEnvironments({
      knex,
      classes: GOAL_TEST_CLASSES,
      goals,
    });
    const seed = seeder(knex);
    await seed.environment('e1', { created_at: at(-days(3)) });
    await seed.operation('c1', 'e1', { created_at: at(-days(3)) });
    await seed.environment('e2', { ...PROD, created_at: at(-days(10)) });
    await seed.operation('c2', 'e2', { created_at: at(-days(10)) });
    const failed = (id: string, env: string, hoursAgo: number, error: string) =>
      seed.operation(id, env, {
        type: 'update',
        state: 'failed',
        error,
        created_at: at(-hoursAgo - 1),
        finished_at: at(-hoursAgo),
      });
    await failed('o1', 'e1', days(2), 'connect ECONNREFUSED 127.0.0.1:5433');
    await failed('o2', 'e2', days(1), 'the target timed out');
    await failed('o0', 'e1', days(10), 'before the week');
    await seed.refusal('too-big', { created_at: at(-days(3)) });
    const weekAgo = '2026-12-03';
    await t.store.goals.saveSnapshots(
      [
        ['baseline', 50, 75, 'atLeast', 'behind'],
        ['golden-paths', 100, 50, 'atLeast', 'reached'],
        ['budget', 150, 1000, 'atMost', 'reached'],
      ].map(([goalId, value, target, direction, status]) => ({
        goalId,
        day: weekAgo,
        value,
        target,
        direction,
        status,
        statistics: {},
      })) as any,
      new Date(`${weekAgo}T12:00:00.000Z`),
    );
    const digests = () =>
      t.sent.filter(n => n.payload.title.startsWith('Goals this week'));
    return { ...t, digests };
  }

  const wins = [
    'Wins:',
    '- Environments meet their baseline reached its target: 100% (target at least 75% by 2027-03-31).',
    'Slipping:',
    '- Most environments come from a golden path slipped behind: 0% (target at least 50% by 2027-03-31).',
  ];

  it("tells each team the week's wins, slips and failures by cause, once", async () => {
    const t = await week();
    expect(await t.goals.digest(NOW)).toEqual({ sent: 3 });
    const to = (group: string) =>
      t.digests().find(n => (n.recipients as any).entityRef === group)!.payload;

    // The platform team owns goals over everything: it hears every failure.
    expect(to(PLATFORM)).toEqual({
      title: 'Goals this week: 1 win, 1 slipping, 3 failures',
      description: [
        ...wins,
        'Failed this week (3):',
        `- provider error (1): e1 update ${LINK} (operation o1)`,
        `- baseline refusal (1): too-big create ${LINK}`,
        `- timeout (1): e2 update ${LINK} (operation o2)`,
      ].join('\n'),
      link: '/environments/goals',
      severity: 'normal',
      topic: 'paved-goals',
    });
    // The teams hear about their own environments.
    expect(to(TEAM_A).description).toBe(
      [
        ...wins,
        'Failed this week (2):',
        `- provider error (1): e1 update ${LINK} (operation o1)`,
        `- baseline refusal (1): too-big create ${LINK}`,
      ].join('\n'),
    );
    expect(to(TEAM_B)).toMatchObject({
      title: 'Goals this week: 1 win, 1 slipping, 1 failure',
      description: [
        ...wins,
        'Failed this week (1):',
        `- timeout (1): e2 update ${LINK} (operation o2)`,
      ].join('\n'),
    });

    // Another pass that day, on this replica or another, sends nothing more.
    expect(await t.goals.digest(new Date(NOW.getTime() + 3600_000))).toEqual({
      sent: 0,
    });
    expect(t.digests()).toHaveLength(3);
  });

  it('says plainly when nothing changed and nothing failed, and says nothing before there is history', async () => {
    const t = await week();
    const later = new Date(NOW.getTime() + days(60) * 3600_000);
    expect(await t.goals.digest(later)).toEqual({ sent: 0 });
    // The same statuses as now, a week before.
    const before = new Date(later.getTime() - days(7) * 3600_000);
    await t.goals.snapshot(before);
    await t.goals.digest(later);
    const platform = t
      .digests()
      .find(n => (n.recipients as any).entityRef === PLATFORM)!.payload;
    expect(platform).toMatchObject({
      title: 'Goals this week: 0 wins, 0 slipping, 0 failures',
      description:
        'No goal reached its target or slipped this week.\nNo operation failed this week.',
      severity: 'low',
    });
  });
});
