import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { createTestEnvironments } from './__testUtils__/createTestEnvironments';

const PLATFORM = 'group:default/platform-team';
const OWNER = 'group:default/checkout-team';
const DAY = 24 * 3600_000;
const guest = mockCredentials.user('user:default/guest');
const approver = mockCredentials.user('user:default/platform-admin');
const otherApprover = mockCredentials.user('user:default/platform-two');
const outsider = mockCredentials.user('user:default/someone-else');

const LINK = '/docs/default/component/platform-guidelines/baselines/#';
const rule = (id: string, severity: string, params?: object) => ({
  id,
  severity,
  message: `${id} message`,
  link: `${LINK}${id}`,
  ...(params && { params }),
});

// A dev environment with one resource costs 10 a month, over the budget of 5: every
// reconciler pass sees the `high` cost-budget rule broken.
const baselines = {
  dev: {
    rules: [
      rule('environment.cost-budget', 'high', { max: 5 }),
      rule('environment.owner-is-group', 'blocking'),
      rule('environment.max-resources', 'low', { max: 10 }),
    ],
  },
};
const classes = [
  {
    name: 'dev',
    tier: 'development',
    lifecycle: 'static',
    baseline: 'dev',
    resources: { double: { target: 'local', monthlyCost: 10 } },
  },
];

const justification =
  'the load test needs the larger plan until the cache lands';
const inDays = (days: number, from = Date.now()) =>
  new Date(from + days * DAY).toISOString();

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('baseline exceptions on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  /** A dev environment degraded by the cost-budget finding, and the finding. */
  async function degraded(exceptions?: object) {
    const t = await createTestEnvironments({
      knex: await databases.init(databaseId),
      classes,
      baselines,
      paved: { permissions: { platformGroup: PLATFORM } },
      memberships: {
        'user:default/platform-admin': [PLATFORM],
        'user:default/platform-two': [PLATFORM],
      },
      exceptions,
    });
    const { environment } = (await t.environments.create(
      {
        name: 'checkout-dev',
        class: 'dev',
        owner: OWNER,
        entityRef: 'component:default/checkout-api',
        resources: [{ type: 'double', name: 'main', spec: {} }],
      },
      { credentials: guest },
    )) as any;
    while (await t.engine.runOnce());
    await t.reconciler.run();
    const id: string = environment.id;
    expect((await t.environments.get(id, guest)).status).toBe('degraded');
    const [finding] = await t.findings.list({
      environmentId: id,
      state: 'open',
    });
    expect(finding.rule).toBe('environment.cost-budget');
    const status = async () => (await t.environments.get(id, guest)).status;
    return { ...t, id, finding, status };
  }

  it('accepts an approved finding: the environment is no longer degraded, and the finding says by whom, until when and why', async () => {
    const t = await degraded();
    const until = inDays(10);
    const asked = await t.environments.requestException(
      t.id,
      { rule: t.finding.rule, justification, until },
      guest,
    );
    expect(asked).toMatchObject({
      state: 'pending',
      environmentName: 'checkout-dev',
      rule: 'environment.cost-budget',
      approvers: PLATFORM,
      requestedBy: 'user:default/guest',
      until,
      justification,
    });
    expect(t.sent.at(-1)).toMatchObject({
      recipients: { type: 'entity', entityRef: PLATFORM },
      payload: {
        title: `user:default/guest asks for an exception to environment.cost-budget of checkout-dev until ${until.slice(
          0,
          10,
        )}`,
        description: justification,
        link: '/environments/requests',
      },
    });

    // Asked is not accepted.
    await t.reconciler.run();
    expect(await t.status()).toBe('degraded');

    const decided = await t.environments.decideException(
      asked.id,
      { decision: 'approve' },
      approver,
    );
    expect(decided).toMatchObject({
      state: 'approved',
      decidedBy: 'user:default/platform-admin',
    });
    expect(t.sent.at(-1)).toMatchObject({
      recipients: { type: 'entity', entityRef: 'user:default/guest' },
      payload: {
        title:
          'Your exception to environment.cost-budget of checkout-dev was approved by user:default/platform-admin',
      },
    });

    // Ready at once, not at the reconciler's next pass; and the pass keeps it so.
    expect(await t.status()).toBe('ready');
    await t.reconciler.run();
    const environment = await t.environments.get(t.id, guest);
    expect(environment.status).toBe('ready');
    expect(environment.openFindings).toBeUndefined();
    expect(environment.acceptedFindings).toBe(1);
    // The Environments page's "with findings" filter counts as the card does.
    const listed = (hasFindings: boolean) =>
      t.environments
        .list({ hasFindings, limit: 10, offset: 0 }, guest)
        .then(page => page.items.map(e => e.id));
    expect(await listed(true)).not.toContain(t.id);
    expect(await listed(false)).toContain(t.id);
    const [finding] = await t.findings.list({ environmentId: t.id });
    expect(finding.exception).toEqual({
      id: asked.id,
      acceptedBy: 'user:default/platform-admin',
      until,
      justification,
    });
    expect(
      t.audit
        .filter(a => a.eventId.startsWith('environment-exception'))
        .map(a => [a.eventId, a.outcome, (a.meta as any).decision]),
    ).toEqual([
      ['environment-exception-request', 'success', undefined],
      ['environment-exception-decision', 'success', 'approved'],
    ]);
    expect(t.audit.at(-1)!.meta).toMatchObject({
      by: 'user:default/platform-admin',
      rule: 'environment.cost-budget',
    });
  });

  it('tells the owner before the end date, then reopens the finding when it comes', async () => {
    const t = await degraded({ noticeBefore: '2d' });
    const until = inDays(10);
    const asked = await t.environments.requestException(
      t.id,
      { rule: t.finding.rule, justification, until },
      guest,
    );
    await t.environments.decideException(
      asked.id,
      { decision: 'approve' },
      approver,
    );
    await t.reconciler.run();
    expect(await t.status()).toBe('ready');
    const ownerNotices = () =>
      t.sent
        .filter(n => (n.recipients as any).entityRef === OWNER)
        .map(n => n.payload.title);
    const before = ownerNotices().length;

    const end = Date.parse(until);
    await t.reconciler.run(new Date(end - 3 * DAY));
    expect(ownerNotices().length).toBe(before);
    await t.reconciler.run(new Date(end - DAY));
    await t.reconciler.run(new Date(end - DAY / 2));
    expect(ownerNotices().slice(before)).toEqual([
      `The exception to environment.cost-budget of checkout-dev ends on ${until.slice(
        0,
        10,
      )}`,
    ]);
    expect(await t.status()).toBe('ready');

    await t.reconciler.run(new Date(end + 60_000));
    expect(ownerNotices().slice(before + 1)).toEqual([
      'The exception to environment.cost-budget of checkout-dev has ended',
    ]);
    expect(await t.status()).toBe('degraded');
    const [finding] = await t.findings.list({ environmentId: t.id });
    expect(finding.exception).toBeUndefined();
    expect(finding.resolvedAt).toBeUndefined();
    const [ended] = await t.environments.listExceptions(
      { environmentId: t.id },
      guest,
    );
    expect(ended.state).toBe('ended');
    expect((await t.environments.get(t.id, guest)).openFindings).toBe(1);
  });

  it('rejects with the comment, which the developer is told, and the finding stays open', async () => {
    const t = await degraded();
    const asked = await t.environments.requestException(
      t.id,
      { rule: t.finding.rule, justification, until: inDays(5) },
      guest,
    );
    await expect(
      t.environments.decideException(
        asked.id,
        { decision: 'reject' },
        approver,
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^comment: is required/),
    });
    const rejected = await t.environments.decideException(
      asked.id,
      { decision: 'reject', comment: 'move to the small plan first' },
      approver,
    );
    expect(rejected).toMatchObject({
      state: 'rejected',
      comment: 'move to the small plan first',
    });
    expect(t.sent.at(-1)!.payload).toMatchObject({
      title: expect.stringContaining(
        'was rejected by user:default/platform-admin',
      ),
      description: 'move to the small plan first',
    });
    await t.reconciler.run();
    expect(await t.status()).toBe('degraded');
    // Rejected, the rule and resource are free to be asked for again.
    await expect(
      t.environments.requestException(
        t.id,
        { rule: t.finding.rule, justification, until: inDays(5) },
        guest,
      ),
    ).resolves.toMatchObject({ state: 'pending' });
  });

  it('refuses non-approvers and the one who asked with 403, and a second decision with 409', async () => {
    const t = await degraded();
    const asked = await t.environments.requestException(
      t.id,
      { rule: t.finding.rule, justification, until: inDays(5) },
      approver,
    );
    await expect(
      t.environments.decideException(
        asked.id,
        { decision: 'approve' },
        approver,
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('another member of the approver group'),
    });
    await expect(
      t.environments.decideException(asked.id, { decision: 'approve' }, guest),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(`Only members of ${PLATFORM}`),
    });
    await expect(
      t.environments.decideException(
        asked.id,
        { decision: 'approve' },
        outsider,
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });

    const results = await Promise.allSettled([
      t.environments.decideException(
        asked.id,
        { decision: 'approve' },
        otherApprover,
      ),
      t.environments.decideException(
        asked.id,
        { decision: 'reject', comment: 'no' },
        otherApprover,
      ),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const lost = results.find(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ name: 'ConflictError' });
    await expect(
      t.environments.decideException(
        asked.id,
        { decision: 'approve' },
        otherApprover,
      ),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('is already'),
    });
    expect(
      t.audit
        .filter(a => a.eventId === 'environment-exception-decision')
        .map(a => a.outcome)
        .sort(),
    ).toEqual(['fail', 'fail', 'success']);
  });

  it('says what is wrong with an ask, naming the field, and keeps one open exception per rule', async () => {
    const t = await degraded({ maxDuration: '30d' });
    const ask = (body: object) =>
      t.environments.requestException(
        t.id,
        {
          rule: t.finding.rule,
          justification,
          until: inDays(5),
          ...body,
        } as any,
        guest,
      );
    const refusals: Array<[object, RegExp]> = [
      [
        { rule: 'environment.owner-is-group' },
        /^rule: environment.owner-is-group is blocking; exceptions are only for rules of severity high$/,
      ],
      [
        { rule: 'environment.max-resources' },
        /^rule: environment.max-resources is of severity low/,
      ],
      [
        { rule: 'postgres.extensions' },
        /^rule: postgres.extensions is not a rule of the dev class's baseline; its rules are environment.cost-budget, environment.owner-is-group, environment.max-resources$/,
      ],
      [
        { resourceId: 'not-a-resource' },
        /^resourceId: not-a-resource is not a resource of this environment$/,
      ],
      [{ until: inDays(-1) }, /^until: .* is not in the future$/],
      [
        { until: inDays(31) },
        /^until: an exception may last at most 30d \(environments.exceptions.maxDuration\)$/,
      ],
    ];
    for (const [body, message] of refusals) {
      await expect(ask(body)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
    }
    await ask({});
    await expect(ask({})).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('already pending or approved'),
    });
    await expect(
      t.environments.requestException(
        'no-such-environment',
        { rule: t.finding.rule, justification, until: inDays(5) },
        guest,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(
      await t.environments.listExceptions({ environmentId: t.id }, guest),
    ).toHaveLength(1);
    expect(
      await t.environments.listExceptions({ toDecide: true }, approver),
    ).toHaveLength(1);
    expect(
      await t.environments.listExceptions({ toDecide: true }, guest),
    ).toHaveLength(0);
  });

  it('takes exceptions asked with the request, and refuses a wrong one before anything is created', async () => {
    const t = await createTestEnvironments({
      knex: await databases.init(databaseId),
      classes,
      baselines,
      paved: { permissions: { platformGroup: PLATFORM } },
    });
    const request = (exceptions: object[]) => ({
      name: 'checkout-load',
      class: 'dev',
      owner: OWNER,
      entityRef: 'component:default/checkout-api',
      resources: [{ type: 'double', name: 'main', spec: {} }],
      exceptions,
    });
    const until = inDays(7);
    await expect(
      t.environments.create(
        request([
          { rule: 'environment.cost-budget', justification, until },
          { rule: 'environment.owner-is-group', justification, until },
        ]) as any,
        { credentials: guest },
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^exceptions\[1\]\.rule: environment.owner-is-group is blocking/,
      ),
    });
    await expect(
      t.environments.create(
        request([
          {
            rule: 'environment.cost-budget',
            resource: 'cache',
            justification,
            until,
          },
        ]) as any,
        { credentials: guest },
      ),
    ).rejects.toMatchObject({
      message: expect.stringMatching(
        /^exceptions\[0\]\.resource: "cache" is not one of the requested resources \(main\)$/,
      ),
    });
    expect(
      (await t.environments.list({ limit: 50, offset: 0 }, guest)).items,
    ).toEqual([]);

    const { environment } = (await t.environments.create(
      request([
        { rule: 'environment.cost-budget', justification, until },
      ]) as any,
      { credentials: guest },
    )) as any;
    const [asked] = await t.environments.listExceptions(
      { environmentId: environment.id },
      guest,
    );
    expect(asked).toMatchObject({
      state: 'pending',
      rule: 'environment.cost-budget',
      approvers: PLATFORM,
      requestedBy: 'user:default/guest',
      until,
    });
    expect(t.sent.at(-1)!.recipients).toEqual({
      type: 'entity',
      entityRef: PLATFORM,
    });
  });
});
