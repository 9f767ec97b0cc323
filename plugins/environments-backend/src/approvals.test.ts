import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { createTestEnvironments } from './__testUtils__/createTestEnvironments';

const PLATFORM = 'group:default/platform-team';
const guest = mockCredentials.user('user:default/guest');
const approver = mockCredentials.user('user:default/platform-admin');
const outsider = mockCredentials.user('user:default/someone-else');

const classes = [
  {
    name: 'production',
    tier: 'production',
    lifecycle: 'static',
    resources: { double: { target: 'local', monthlyCost: 50 } },
    approval: {},
  },
  {
    name: 'dev',
    tier: 'development',
    lifecycle: 'static',
    resources: { double: { target: 'local', monthlyCost: 10 } },
  },
];

const request = (name: string, className = 'production') => ({
  name,
  class: className,
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  resources: [{ type: 'double', name: 'main', spec: {} }],
  reason: 'launch of checkout v2',
});

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('requests that need approval on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  async function setUp(
    approval: object = { always: true },
    extra: { baselines?: object } = {},
  ) {
    return createTestEnvironments({
      knex: await databases.init(databaseId),
      classes: classes.map(c =>
        c.name === 'production'
          ? { ...c, approval: { ...c.approval, ...approval } }
          : c,
      ),
      baselines: extra.baselines,
      paved: { permissions: { platformGroup: PLATFORM } },
      memberships: { 'user:default/platform-admin': [PLATFORM] },
    });
  }

  it('holds a production create back until approved, then provisions it exactly as an allowed one', async () => {
    const t = await setUp();
    const plan = (await t.environments.create(request('prod'), {
      credentials: guest,
      dryRun: true,
    })) as any;
    expect(plan.approval).toEqual({
      approvers: PLATFORM,
      reasons: ['every request of the production class needs approval'],
    });

    const answer = (await t.environments.create(request('prod'), {
      credentials: guest,
    })) as any;
    expect(answer.environment.status).toBe('awaiting-approval');
    expect(answer.operation.state).toBe('awaiting-approval');
    expect(answer.approval).toMatchObject({ approvers: PLATFORM });
    await t.engine.runOnce();
    expect(t.provider.applied).toHaveLength(0);
    expect(t.sent.map(n => n.recipients)).toEqual([
      { type: 'entity', entityRef: PLATFORM },
    ]);

    const [waiting] = await t.environments.listRequests(
      { toDecide: true },
      approver,
    );
    expect(waiting).toMatchObject({
      id: answer.approval.requestId,
      state: 'pending',
      requestedBy: 'user:default/guest',
      reason: 'launch of checkout v2',
      estimatedMonthlyCost: { amount: 50 },
    });
    expect(waiting.resources.map((r: any) => r.name)).toEqual(['main']);

    const decided = await t.environments.decideRequest(
      waiting.id,
      { decision: 'approve' },
      approver,
    );
    expect(decided).toMatchObject({
      state: 'approved',
      decidedBy: 'user:default/platform-admin',
    });
    await t.engine.runOnce();
    const environment = await t.environments.get(answer.environment.id, guest);
    expect(environment.status).toBe('ready');
    expect(t.provider.applied).toHaveLength(1);
    expect(t.sent[1]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'user:default/guest' },
      payload: { title: expect.stringContaining('was approved') },
    });
    expect(t.audit.map(a => `${a.eventId}:${a.outcome}`)).toEqual([
      'environment-create:success',
      'environment-request-decision:success',
    ]);
    expect(t.audit[1].meta).toMatchObject({
      decision: 'approved',
      by: 'user:default/platform-admin',
    });
  });

  it('rejects with the comment as the reason, leaving nothing behind, and frees the name', async () => {
    const t = await setUp();
    const answer = (await t.environments.create(request('prod'), {
      credentials: guest,
    })) as any;
    const id = answer.approval.requestId;
    await expect(
      t.environments.decideRequest(id, { decision: 'reject' }, approver),
    ).rejects.toThrow(/comment: is required to reject/);

    await t.environments.decideRequest(
      id,
      { decision: 'reject', comment: 'use the shared staging database' },
      approver,
    );
    await t.engine.runOnce();
    expect(t.provider.applied).toHaveLength(0);
    const environment = await t.store.environments.getEnvironment(
      answer.environment.id,
    );
    expect(environment).toMatchObject({
      status: 'destroyed',
      statusReason:
        'Rejected by user:default/platform-admin: use the shared staging database',
    });
    expect(environment!.resources.map(r => r.status)).toEqual(['destroyed']);
    const [operation] = await t.environments.operations(
      answer.environment.id,
      guest,
    );
    expect(operation).toMatchObject({ state: 'failed' });
    const live = await t.environments.list({ limit: 10, offset: 0 }, guest);
    expect(live.items).toHaveLength(0);
    expect(t.sent[1].payload).toMatchObject({
      title: expect.stringContaining('was rejected'),
      description: 'use the shared staging database',
    });
    // The name is free again for a new request.
    await t.environments.create(request('prod'), { credentials: guest });
  });

  it('answers a second decision with 409, and refuses non-approvers and self-approval with 403', async () => {
    const t = await setUp();
    const selfAsking = { ...guest };
    const answer = (await t.environments.create(request('prod'), {
      credentials: approver,
    })) as any;
    const id = answer.approval.requestId;
    await expect(
      t.environments.decideRequest(id, { decision: 'approve' }, approver),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('approval.selfApproval'),
    });
    await expect(
      t.environments.decideRequest(id, { decision: 'approve' }, selfAsking),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      t.environments.withdrawRequest(id, outsider),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });

    const other = (await t.environments.create(request('prod-2'), {
      credentials: guest,
    })) as any;
    const otherId = other.approval.requestId;
    await t.environments.decideRequest(
      otherId,
      { decision: 'approve' },
      approver,
    );
    await expect(
      t.environments.decideRequest(
        otherId,
        { decision: 'reject', comment: 'no' },
        approver,
      ),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(
      t.environments.withdrawRequest(otherId, guest),
    ).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it('lets the requester withdraw, and nobody else', async () => {
    const t = await setUp();
    const answer = (await t.environments.create(request('prod'), {
      credentials: guest,
    })) as any;
    const id = answer.approval.requestId;
    await expect(
      t.environments.withdrawRequest(id, approver),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    const withdrawn = await t.environments.withdrawRequest(id, guest);
    expect(withdrawn.state).toBe('withdrawn');
    const environment = await t.store.environments.getRecord(
      answer.environment.id,
    );
    expect(environment!.status).toBe('destroyed');
  });

  it('allows self-approval where the policy says so', async () => {
    const t = await setUp({ always: true, selfApproval: true });
    const answer = (await t.environments.create(request('prod'), {
      credentials: approver,
    })) as any;
    const decided = await t.environments.decideRequest(
      answer.approval.requestId,
      { decision: 'approve' },
      approver,
    );
    expect(decided.state).toBe('approved');
  });

  it('expires a request nobody decided, saying so', async () => {
    const t = await setUp({ always: true, expireAfter: '1h' });
    const answer = (await t.environments.create(request('prod'), {
      credentials: guest,
    })) as any;
    const later = new Date(Date.now() + 2 * 3600_000);
    expect(await t.requestExpiry.run(new Date())).toEqual({
      expired: 0,
      notified: 0,
    });
    expect(await t.requestExpiry.run(later)).toMatchObject({ expired: 1 });
    const [expired] = await t.environments.listRequests({ mine: true }, guest);
    expect(expired).toMatchObject({
      state: 'expired',
      comment: expect.stringContaining('Nobody decided within 1h'),
    });
    expect(
      (await t.store.environments.getRecord(answer.environment.id))!.status,
    ).toBe('destroyed');
    expect(t.sent.at(-1)!.payload.title).toContain('was expired');
  });

  it('ends the waiting requests of an environment that is destroyed, saying so', async () => {
    const t = await setUp({ resourceTypes: ['double'] });
    // A create that waits: destroying it ends the request and leaves nothing.
    const waiting = (await t.environments.create(request('prod'), {
      credentials: guest,
    })) as any;
    expect(waiting.environment.status).toBe('awaiting-approval');
    const ended = await t.environments.destroy(
      waiting.environment.id,
      'prod',
      guest,
    );
    expect(ended.environment.status).toBe('destroyed');
    expect(ended.environment.statusReason).toBe(
      'Withdrawn by user:default/guest: the environment was destroyed before the request was decided',
    );
    const [first] = await t.environments.listRequests(
      { environmentId: waiting.environment.id },
      guest,
    );
    expect(first).toMatchObject({
      state: 'withdrawn',
      decidedBy: 'user:default/guest',
    });

    // An update that waits on a live environment ends with the destroy.
    const live = (await t.environments.create(
      { ...request('prod-2'), resources: [] },
      { credentials: guest },
    )) as any;
    await t.engine.runOnce();
    const update = (await t.environments.addResources(
      live.environment.id,
      [{ type: 'double', name: 'db', spec: {} }],
      guest,
    )) as any;
    await t.environments.destroy(live.environment.id, 'prod-2', guest);
    while (await t.engine.runOnce());
    const [second] = await t.environments.listRequests(
      { environmentId: live.environment.id },
      guest,
    );
    expect(second).toMatchObject({
      id: update.approval.requestId,
      state: 'withdrawn',
      comment: 'the environment was destroyed before the request was decided',
    });
    expect((await t.environments.get(live.environment.id, guest)).status).toBe(
      'destroyed',
    );
    expect(t.provider.applied).toHaveLength(0);
  });

  it('queues exactly one operation when approved twice at the same moment', async () => {
    const t = await setUp();
    const answer = (await t.environments.create(request('prod'), {
      credentials: guest,
    })) as any;
    const id = answer.approval.requestId;
    const results = await Promise.allSettled([
      t.environments.decideRequest(id, { decision: 'approve' }, approver),
      t.environments.decideRequest(id, { decision: 'approve' }, approver),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const operations = await t.environments.operations(
      answer.environment.id,
      guest,
    );
    expect(operations.map(o => o.state)).toEqual(['queued']);
  });

  describe('triggers', () => {
    it('asks for approval over the class budget, naming cost and budget', async () => {
      const t = await setUp({ monthlyBudget: 40 });
      const plan = (await t.environments.create(request('prod'), {
        credentials: guest,
        dryRun: true,
      })) as any;
      expect(plan.approval.reasons).toEqual([
        'its estimated monthly cost of 50 USD exceeds the class budget of 40 USD',
      ]);
      const under = await setUp({ monthlyBudget: 60 });
      const allowed = (await under.environments.create(request('prod'), {
        credentials: guest,
        dryRun: true,
      })) as any;
      expect(allowed.approval).toBeUndefined();
    });

    it('asks for approval when a listed resource type is added, on an update too', async () => {
      const t = await setUp({ resourceTypes: ['double'] });
      const answer = (await t.environments.create(
        { ...request('prod'), resources: [] },
        { credentials: guest },
      )) as any;
      expect(answer.environment.status).toBe('provisioning');
      await t.engine.runOnce();

      const update = (await t.environments.addResources(
        answer.environment.id,
        [{ type: 'double', name: 'db', spec: {} }],
        guest,
      )) as any;
      expect(update.approval.reasons).toEqual([
        'it adds double, which needs approval',
      ]);
      expect(update.operation).toMatchObject({
        type: 'update',
        state: 'awaiting-approval',
      });
      // The environment stays as it was, and nothing of the update exists yet.
      expect(update.environment.status).toBe('ready');
      expect(update.environment.resources).toHaveLength(0);

      await t.environments.decideRequest(
        update.approval.requestId,
        { decision: 'approve' },
        approver,
      );
      await t.engine.runOnce();
      const environment = await t.environments.get(
        answer.environment.id,
        guest,
      );
      expect(environment.resources.map(r => [r.name, r.status])).toEqual([
        ['db', 'ready'],
      ]);
    });

    it('asks for approval when a high-severity rule is broken', async () => {
      const t = await setUp({ highSeverity: true });
      const baselines = {
        prod: {
          rules: [
            {
              id: 'environment.max-resources',
              severity: 'high',
              message: 'Keep production small',
              link: '/docs/default/component/guidelines/baselines/prod/#environment.max-resources',
              params: { max: 0 },
            },
          ],
        },
      };
      const strict = await createTestEnvironments({
        knex: await databases.init(databaseId),
        classes: [
          { ...classes[0], baseline: 'prod', approval: { highSeverity: true } },
        ],
        baselines,
        paved: { permissions: { platformGroup: PLATFORM } },
      });
      const plan = (await strict.environments.create(request('prod'), {
        credentials: guest,
        dryRun: true,
      })) as any;
      expect(plan.approval.reasons).toEqual([
        'it breaks the high-severity rule environment.max-resources',
      ]);
      // Without the trigger set, the same class needs none.
      const plain = (await t.environments.create(request('prod'), {
        credentials: guest,
        dryRun: true,
      })) as any;
      expect(plain.approval).toBeUndefined();
    });

    it('needs none for a class without a policy', async () => {
      const t = await setUp();
      const answer = (await t.environments.create(request('dev-1', 'dev'), {
        credentials: guest,
      })) as any;
      expect(answer.approval).toBeUndefined();
      expect(answer.environment.status).toBe('provisioning');
    });
  });
});
