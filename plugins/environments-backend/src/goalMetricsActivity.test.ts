import { TestDatabases } from '@backstage/backend-test-utils';
import {
  at,
  days,
  keyed,
  PREVIEW as preview,
  PROD as prod,
  TEAM_A,
  TEAM_B,
  withGoal as startGoal,
} from './__testUtils__/seedGoalData';

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('goal metrics of provisioning and operations on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });
  const withGoal = (metric: string, goal?: object) =>
    startGoal(databases, databaseId, metric, goal);

  it('provisioning lead time: hours from request to first ready, and the share ready without a retry', async () => {
    const t = await withGoal('provisioning-lead-time', { target: 4 });
    const requested = async (id: string, hoursAgo: number, row = {}) => {
      await t.seed.environment(id, { created_at: at(-hoursAgo), ...row });
      return at(-hoursAgo);
    };
    const after = (start: string, hours: number) => at(hours, new Date(start));
    let start = await requested('e1', days(20));
    await t.seed.operation('c1', 'e1', { finished_at: after(start, 1) });
    start = await requested('e2', days(15));
    await t.seed.operation('c2', 'e2', {
      attempts: 2,
      finished_at: after(start, 3),
    });
    // Failed, then ready through the owner's retry.
    start = await requested('e5', days(10), { owner: TEAM_B });
    await t.seed.operation('c5', 'e5', {
      state: 'failed',
      finished_at: after(start, 0.5),
    });
    await t.seed.operation('u5', 'e5', {
      type: 'update',
      finished_at: after(start, 6),
    });
    start = await requested('e7', days(5), { status: 'failed' });
    await t.seed.operation('c7', 'e7', {
      state: 'failed',
      attempts: 5,
      finished_at: after(start, 2),
    });
    // Rejected: nothing was to be provisioned. Waiting: requested, not ready yet.
    await requested('e8', days(4), { ...prod, status: 'destroyed' });
    await t.seed.operation('c8', 'e8', { state: 'failed' });
    await t.seed.request('c8', 'e8', 'rejected');
    await requested('e9', days(2), { ...prod, status: 'awaiting-approval' });
    await t.seed.operation('c9', 'e9', {
      state: 'awaiting-approval',
      finished_at: null,
    });
    await t.seed.request('c9', 'e9', 'pending');
    await requested('old', days(60));
    await t.seed.operation('c0', 'old', { finished_at: at(-days(59)) });

    const goal = await t.detail();
    expect(goal.statistics).toEqual({
      p50: 3,
      p90: 5.4,
      noRetryShare: 25,
      requested: 5,
    });
    expect(keyed(goal.breakdown.byOwner)).toEqual({
      [TEAM_A]: 2.8,
      [TEAM_B]: 6,
    });
    expect(goal.holdingBack.map(h => [h.environmentId, h.reason])).toEqual([
      ['e7', 'its create failed after 5 attempts and it never became ready'],
      ['e5', 'took 6 h from request to ready'],
    ]);
  });

  it('operation success: ended operations and refused requests, failures by cause', async () => {
    const t = await withGoal('operation-success', { target: 90 });
    await t.seed.environment('e1');
    await t.seed.environment('e2');
    await t.seed.environment('e3', prod);
    await t.seed.environment('e4', prod);
    const ended = (hoursAgo: number) => ({
      created_at: at(-hoursAgo - 1),
      finished_at: at(-hoursAgo),
    });
    await t.seed.operation('o1', 'e1', ended(days(20)));
    await t.seed.operation('o2', 'e1', { ...ended(days(10)), type: 'update' });
    await t.seed.operation('o3', 'e2', {
      ...ended(days(5)),
      state: 'failed',
      error:
        'create database on target "embedded" failed: connect ECONNREFUSED',
    });
    await t.seed.operation('o4', 'e2', {
      ...ended(days(4)),
      type: 'update',
      state: 'failed',
      error: 'Query read timeout',
    });
    await t.seed.operation('o5', 'e3', { ...ended(days(3)), state: 'failed' });
    await t.seed.request('o5', 'e3', 'rejected');
    await t.seed.operation('o6', 'e4', { ...ended(days(3)), state: 'failed' });
    await t.seed.request('o6', 'e4', 'withdrawn');
    await t.seed.operation('o7', 'e4', { ...ended(days(2)), type: 'destroy' });
    // Not counted: an extend changes nothing, one ended before the window, one queued.
    await t.seed.operation('o8', 'e1', { ...ended(days(1)), type: 'extend' });
    await t.seed.operation('o9', 'e1', {
      ...ended(days(40)),
      type: 'update',
      state: 'failed',
    });
    await t.seed.operation('o10', 'e2', {
      type: 'update',
      state: 'queued',
      finished_at: null,
    });
    await t.seed.refusal('r1', { name: 'too-big', created_at: at(-days(2.5)) });
    await t.seed.refusal('r2', { ...prod, created_at: at(-days(50)) });

    const goal = await t.detail();
    expect(goal.statistics).toEqual({
      successRate: 42.86,
      failed: 4,
      providerErrors: 1,
      baselineRefusals: 1,
      timeouts: 1,
      rejectedApprovals: 1,
    });
    expect(keyed(goal.breakdown.byOwner)).toEqual({
      [TEAM_A]: 40,
      [TEAM_B]: 50,
    });
    expect(
      goal.holdingBack.map(h => [h.environmentId, h.operationIds, h.reason]),
    ).toEqual([
      [
        'e2',
        ['o4', 'o3'],
        '2 failed: timeout (update), provider error (create)',
      ],
      [undefined, undefined, '1 failed: baseline refusal (create)'],
      ['e3', ['o5'], '1 failed: rejected approval (create)'],
    ]);
    expect(goal.holdingBack[1]).toMatchObject({
      name: 'too-big',
      entityRef: 'component:default/checkout-api',
    });
  });

  it('ephemeral hygiene: expired environments destroyed cleanly, and hours past expiry', async () => {
    const t = await withGoal('ephemeral-hygiene', { target: 90 });
    const expired = async (id: string, expiresAgo: number, row = {}) =>
      t.seed.environment(id, {
        ...preview,
        created_at: at(-expiresAgo - 24),
        expires_at: at(-expiresAgo),
        ...row,
      });
    const destroy = (id: string, env: string, row = {}) =>
      t.seed.operation(id, env, {
        type: 'destroy',
        requested_by: 'paved:ttl-reaper',
        ...row,
      });
    // Destroyed five minutes after expiry at the first attempt: clean.
    await expired('p1', days(8), {
      status: 'destroyed',
      destroyed_at: at(-days(8) + 1 / 12),
    });
    await destroy('d1', 'p1');
    // Destroyed three hours late, after the reaper's retries.
    await expired('p2', days(5), {
      status: 'destroyed',
      destroyed_at: at(-days(5) + 3),
    });
    await destroy('d2', 'p2', { attempts: 3 });
    // Still live two days after expiry.
    await expired('p3', days(2), { owner: TEAM_B });
    // Destroyed by its owner before it expired: clean, no hours past.
    await expired('p4', days(1), {
      owner: TEAM_B,
      status: 'destroyed',
      destroyed_at: at(-days(2.5)),
    });
    await destroy('d4', 'p4', { requested_by: 'user:default/guest' });
    // Not expired yet, and expired before the window.
    await expired('p5', -days(1));
    await expired('p6', days(40));

    const goal = await t.detail();
    expect(goal.statistics).toEqual({
      expiryShare: 50,
      hoursPastExpiry: 51.08,
      expired: 4,
    });
    expect(keyed(goal.breakdown.byOwner)).toEqual({
      [TEAM_A]: 50,
      [TEAM_B]: 50,
    });
    expect(
      goal.holdingBack.map(h => [h.environmentId, h.value, h.reason]),
    ).toEqual([
      ['p3', 48, 'still live 48 h past its expiry'],
      [
        'p2',
        3,
        'destroyed 3 h past its expiry, after a failed or retried destroy (3 attempts)',
      ],
    ]);
  });

  it('self-service share: environments created through a template', async () => {
    const t = await withGoal('self-service-share', { target: 80 });
    const created = async (
      id: string,
      hoursAgo: number,
      task: string | null,
    ) => {
      await t.seed.environment(id, { created_at: at(-hoursAgo) });
      await t.seed.operation(`c-${id}`, id, {
        scaffolder_task_id: task,
        created_at: at(-hoursAgo),
      });
    };
    await created('e1', days(20), 'task-1');
    await created('e2', days(15), null);
    await created('e5', days(10), 'task-2');
    await created('e7', days(5), null);
    await created('old', days(40), null);

    const goal = await t.detail();
    expect(goal.statistics).toEqual({ templateShare: 50, created: 4 });
    expect(goal.holdingBack.map(h => [h.environmentId, h.reason])).toEqual([
      ['e7', 'created by user:default/guest without a template'],
      ['e2', 'created by user:default/guest without a template'],
    ]);
  });
});
