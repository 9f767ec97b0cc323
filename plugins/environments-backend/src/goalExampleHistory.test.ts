import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestEnvironments } from './__testUtils__/createTestEnvironments';
import {
  GOAL_TEST_CLASSES,
  goalConfig,
  NOW,
  seeder,
} from './__testUtils__/seedGoalData';

const conformance = goalConfig('baseline-conformance', {
  id: 'conformance',
  title: 'Environments meet their baseline',
  target: 90,
});
const leadTime = goalConfig('provisioning-lead-time', {
  id: 'lead-time',
  title: 'Ready within 15 minutes',
  target: 0.25,
});
const later = (hours: number) => new Date(NOW.getTime() + hours * 3600_000);

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('example goal history on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  async function start(goalSnapshots?: object) {
    const knex = await databases.init(databaseId);
    const open = () =>
      createTestEnvironments({
        knex,
        classes: GOAL_TEST_CLASSES,
        goals: [conformance, leadTime],
        goalSnapshots,
      });
    const rows = (goalId: string) =>
      knex('goal_snapshots').where({ goal_id: goalId }).orderBy('day');
    return { ...(await open()), knex, open, rows };
  }

  it('gives each goal 90 days before today, a trend towards its target marked as example', async () => {
    const t = await start({ exampleHistory: true });
    expect(await t.goals.seedExampleHistory(NOW)).toEqual({
      seeded: ['conformance', 'lead-time'],
    });

    const stored = await t.rows('conformance');
    expect(stored).toHaveLength(90);
    expect([stored[0].day, stored.at(-1).day]).toEqual([
      '2026-09-11',
      '2026-12-09',
    ]);
    // The page's 90 days end today: the last 89 examples, then today's measured day.
    const [goal, hours] = await t.goals.list({}, NOW);
    expect(goal.history).toHaveLength(89);
    expect(goal.history.every(s => s.example === true)).toBe(true);
    const values = (history: typeof goal.history) => history.map(s => s.value!);
    // A share rises from well below its target to just short of it ...
    const shares = values(goal.history);
    expect(Math.max(...shares.slice(0, 10))).toBeLessThan(80);
    expect(Math.min(...shares.slice(-10))).toBeGreaterThan(80);
    expect(Math.max(...shares)).toBeLessThan(90);
    // ... and hours fall towards theirs.
    const leads = values(hours.history);
    expect(Math.min(...leads.slice(0, 10))).toBeGreaterThan(0.5);
    expect(Math.max(...leads.slice(-10))).toBeLessThan(0.35);

    // The same days on any start: they are drawn from the goal's id.
    const other = await start({ exampleHistory: true });
    await other.goals.seedExampleHistory(NOW);
    expect((await other.goals.list({}, NOW))[0].history).toEqual(goal.history);
  });

  it('ends the example trend at the value a goal has today, so the chart joins it', async () => {
    const t = await start({ exampleHistory: true });
    const seed = seeder(t.knex);
    await seed.environment('e1');
    await seed.environment('e2', { status: 'degraded' });
    await seed.finding('f1', 'e2');
    await t.goals.seedExampleHistory(NOW);

    const stored = await t.rows('conformance');
    expect(stored).toHaveLength(90);
    // Today measures 50%: the last example day is within the trend's noise of it.
    expect(Math.abs(stored.at(-1).value - 50)).toBeLessThan(2);
    expect(stored[0].value).toBeGreaterThan(65);
    // A goal with no value today keeps the trend towards its target.
    const leads = (await t.rows('lead-time')).map(r => r.value);
    expect(leads.at(-1)).toBeLessThan(0.35);
    expect(leads.at(-1)).toBeGreaterThan(0.2);
  });

  it('seeds once: a restart, or a goal with history, adds nothing', async () => {
    const t = await start({ exampleHistory: true });
    await t.goals.seedExampleHistory(NOW);
    const before = await t.rows('conformance');
    await t.goals.snapshot(NOW);

    const restarted = await t.open();
    expect(await restarted.goals.seedExampleHistory(later(24))).toEqual({
      seeded: [],
    });
    expect(await t.rows('conformance')).toHaveLength(91);
    expect((await t.rows('conformance')).slice(0, 90)).toEqual(before);
  });

  it('never lets the examples decide a status or a notice, and a measured day replaces an example one', async () => {
    const t = await start({ exampleHistory: true });
    await t.goals.seedExampleHistory(NOW);
    const seed = seeder(t.knex);
    await seed.environment('e1');

    // 100% reached, after 90 example days short of it: no "reached" notice, since no
    // measured day before said otherwise.
    await t.goals.snapshot(NOW);
    expect(t.sent).toEqual([]);
    // The examples trend to the target, but one measured day draws no line: behind.
    await seed.environment('e2', { status: 'degraded' });
    await seed.finding('f1', 'e2');
    const [goal] = await t.goals.list({}, NOW);
    expect([goal.value, goal.status]).toEqual([50, 'behind']);

    // A measured snapshot of a day the examples hold takes its place.
    await t.store.goals.saveSnapshots(
      [
        {
          goalId: 'conformance',
          day: '2026-12-09',
          value: 50,
          target: 90,
          direction: 'atLeast',
          status: 'behind',
          statistics: { conformance: 50, live: 2 },
        },
      ],
      NOW,
    );
    const history = await t.goals.history('conformance', {
      from: '2026-12-08',
    });
    expect(history.items.map(i => [i.day, i.value, i.example])).toEqual([
      ['2026-12-08', expect.any(Number), true],
      ['2026-12-09', 50, undefined],
      ['2026-12-10', 100, undefined],
    ]);
  });

  it('seeds nothing unless the portal asks for it', async () => {
    for (const config of [undefined, { exampleHistory: false }]) {
      const t = await start(config);
      expect(await t.goals.seedExampleHistory(NOW)).toEqual({ seeded: [] });
      expect(await t.rows('conformance')).toEqual([]);
    }
  });
});
