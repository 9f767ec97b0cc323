import { TestDatabases } from '@backstage/backend-test-utils';
import {
  at,
  days,
  keyed,
  PROD as prod,
  TEAM_A,
  TEAM_B,
  withGoal as startGoal,
} from './__testUtils__/seedGoalData';

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('goal metrics of the current state and findings on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });
  const withGoal = (metric: string, goal?: object) =>
    startGoal(databases, databaseId, metric, goal);

  it('baseline conformance: live environments without an open high or blocking finding, accepted ones not counting', async () => {
    const t = await withGoal('baseline-conformance', { target: 95 });
    await t.seed.environment('e1');
    await t.seed.environment('e2', { status: 'degraded' });
    await t.seed.finding('f1', 'e2');
    await t.seed.environment('e3', prod);
    await t.seed.finding('f2', 'e3', { rule: 'environment.cost-budget' });
    await t.seed.exception('e3', 'environment.cost-budget');
    await t.seed.environment('e4', prod);
    await t.seed.finding('f9', 'e4', { severity: 'low' });
    await t.seed.environment('e5', { status: 'degraded', owner: TEAM_B });
    await t.seed.finding('f3', 'e5', { severity: 'blocking' });
    await t.seed.finding('f4', 'e5', { resolved_at: at(-1) });
    // Neither destroyed nor failed environments are live.
    await t.seed.environment('e6', {
      status: 'destroyed',
      destroyed_at: at(-5),
    });
    await t.seed.finding('f5', 'e6');
    await t.seed.environment('e7', { status: 'failed' });

    const goal = await t.detail();
    expect(goal.value).toBe(60);
    expect(goal.statistics).toEqual({ conformance: 60, live: 5 });
    expect(goal.status).toBe('behind');
    expect(keyed(goal.breakdown.byOwner)).toEqual({
      [TEAM_A]: 50,
      [TEAM_B]: 66.67,
    });
    expect(keyed(goal.breakdown.byClass)).toEqual({ dev: 33.33, prod: 100 });
    expect(
      goal.holdingBack.map(h => [h.environmentId, h.findingIds, h.reason]),
    ).toEqual([
      [
        'e2',
        ['f1'],
        '1 open finding of severity high or blocking: postgres.statement-timeout',
      ],
      [
        'e5',
        ['f3'],
        '1 open finding of severity high or blocking: postgres.statement-timeout',
      ],
    ]);
    expect(goal.holdingBack[0]).toMatchObject({
      name: 'e2',
      entityRef: 'component:default/checkout-api',
      owner: TEAM_A,
      class: 'dev',
      tier: 'development',
    });
  });

  it('drift time to resolve: p50 and p90 hours of the high findings resolved in the window', async () => {
    const t = await withGoal('drift-time-to-resolve', { target: 5 });
    await t.seed.environment('e1');
    await t.seed.environment('e3', prod);
    await t.seed.environment('e5', { owner: TEAM_B });
    await t.seed.environment('e2', { status: 'degraded' });
    const resolved = (hoursAgo: number, took: number) => ({
      detected_at: at(-hoursAgo),
      resolved_at: at(-hoursAgo + took),
    });
    await t.seed.finding('f4', 'e5', resolved(days(10), 2));
    await t.seed.finding('f5', 'e1', resolved(days(5), 4));
    await t.seed.finding('f6', 'e3', {
      ...resolved(days(3), 10),
      severity: 'blocking',
    });
    // Out of the window, and of low severity: not counted.
    await t.seed.finding('f7', 'e3', {
      detected_at: at(-days(40)),
      resolved_at: at(-days(35)),
    });
    await t.seed.finding('f8', 'e1', {
      ...resolved(days(6), 100),
      severity: 'low',
    });
    // Open: not in the value; held back when older than the target, unless accepted.
    await t.seed.finding('f1', 'e2', { detected_at: at(-48) });
    await t.seed.finding('f2', 'e3', {
      detected_at: at(-72),
      rule: 'environment.cost-budget',
    });
    await t.seed.exception('e3', 'environment.cost-budget');
    await t.seed.finding('f3', 'e5', { detected_at: at(-1) });

    const goal = await t.detail();
    expect(goal.statistics).toEqual({ p50: 4, p90: 8.8, resolved: 3 });
    expect(goal).toMatchObject({
      value: 8.8,
      unit: 'hours',
      windowDays: 30,
      target: { value: 5, direction: 'atMost' },
    });
    expect(keyed(goal.breakdown.byClass)).toEqual({ dev: 3.8, prod: 10 });
    expect(
      goal.holdingBack.map(h => [h.environmentId, h.findingIds, h.value]),
    ).toEqual([
      ['e2', ['f1'], 48],
      ['e3', ['f6'], 10],
    ]);
    expect(goal.holdingBack[0].reason).toBe(
      '1 finding open longer than 5 h (the longest 48 h)',
    );
  });

  it('cost against budget: estimated monthly cost of what is not destroyed, per owner and class', async () => {
    const t = await withGoal('cost-against-budget', { target: 150 });
    await t.seed.environment('e1');
    await t.seed.resource('r1a', 'e1');
    await t.seed.resource('r1b', 'e1', { status: 'destroyed' });
    await t.seed.environment('e2', { status: 'degraded' });
    await t.seed.resource('r2a', 'e2');
    await t.seed.resource('r2b', 'e2');
    await t.seed.environment('e3', prod);
    await t.seed.resource('r3', 'e3');
    await t.seed.environment('e7', { status: 'failed' });
    await t.seed.resource('r7', 'e7', { status: 'failed' });
    // Waiting for approval, or destroyed: no cost.
    await t.seed.environment('e8', { ...prod, status: 'awaiting-approval' });
    await t.seed.resource('r8', 'e8', { status: 'pending' });
    await t.seed.environment('e6', {
      status: 'destroyed',
      destroyed_at: at(-1),
    });

    const goal = await t.detail();
    expect(goal).toMatchObject({
      value: 205,
      unit: 'currency',
      currency: 'USD',
      target: { value: 150, direction: 'atMost' },
      statistics: { monthlyCost: 205, live: 4 },
    });
    expect(keyed(goal.breakdown.byOwner)).toEqual({
      [TEAM_A]: 55,
      [TEAM_B]: 150,
    });
    expect(keyed(goal.breakdown.byClass)).toEqual({ dev: 55, prod: 150 });
    expect(goal.holdingBack.map(h => [h.environmentId, h.value])).toEqual([
      ['e3', 150],
      ['e2', 25],
      ['e1', 15],
      ['e7', 15],
    ]);
    expect(goal.holdingBack[0].reason).toBe('estimated 150 USD a month');
  });
});
