import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  goalSnapshotPermission,
  RESOURCE_TYPE_ENVIRONMENT,
} from '@paved/plugin-environments-common';
import { createTestEnvironments } from './__testUtils__/createTestEnvironments';
import {
  GOAL_TEST_CLASSES,
  goalConfig,
  guest,
  NOW,
  PROD,
  seeder,
  TEAM_A,
  TEAM_B,
} from './__testUtils__/seedGoalData';

const conformance = goalConfig('baseline-conformance', {
  id: 'conformance',
  target: 100,
});

/** Reads only team A's environments; may not record snapshots. */
const teamAOnly = mockServices.permissions.mock({
  authorize: async requests =>
    requests.map(r => ({
      result:
        r.permission.name === goalSnapshotPermission.name
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })),
  authorizeConditional: async requests =>
    requests.map(() => ({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'environments',
      resourceType: RESOURCE_TYPE_ENVIRONMENT,
      conditions: {
        rule: 'IS_OWNER',
        resourceType: RESOURCE_TYPE_ENVIRONMENT,
        params: { claims: [TEAM_A] },
      },
    })) as any,
});

const blocking = {
  dev: {
    rules: [
      {
        id: 'environment.max-resources',
        severity: 'blocking',
        message: 'Not too many resources',
        link: '/docs/default/component/platform-guidelines/baselines/#environment.max-resources',
        params: { max: 1 },
      },
    ],
  },
};

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('who sees what of the goals on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  async function start(
    options: Partial<Parameters<typeof createTestEnvironments>[0]>,
  ) {
    const knex = await databases.init(databaseId);
    const t = await createTestEnvironments({
      knex,
      classes: GOAL_TEST_CLASSES,
      ...options,
    });
    const seed = seeder(knex);
    await seed.environment('a1', { status: 'degraded' });
    await seed.finding('fa', 'a1');
    await seed.environment('b1', { ...PROD, status: 'degraded' });
    await seed.finding('fb', 'b1');
    return { ...t, knex, seed };
  }

  it('counts every environment in the value, but lists only those the caller may read', async () => {
    const t = await start({ goals: [conformance], permissions: teamAOnly });
    const goal = await t.goals.get('conformance', guest, NOW);
    expect(goal.statistics).toEqual({ conformance: 0, live: 2 });
    expect(goal.breakdown.byOwner.map(r => r.key)).toEqual([TEAM_A, TEAM_B]);
    expect(goal.holdingBack.map(h => h.environmentId)).toEqual(['a1']);

    await expect(t.goals.snapshotOnDemand(guest)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'You may not record goal snapshots (permission environments.goal.snapshot)',
    });
  });

  it("lists a group's goals: the ones it owns and the ones scoped to it", async () => {
    const t = await start({
      goals: [
        conformance,
        { ...conformance, id: 'team-a', owner: TEAM_A },
        { ...conformance, id: 'of-b', scope: { owner: TEAM_B } },
      ],
    });
    const ids = async (group?: string) =>
      (await t.goals.list({ group }, NOW)).map(g => g.id);
    expect(await ids()).toEqual(['conformance', 'team-a', 'of-b']);
    expect(await ids('group:checkout-team')).toEqual(['team-a']);
    expect(await ids(TEAM_B)).toEqual(['of-b']);
    const [ofB] = await t.goals.list({ group: TEAM_B }, NOW);
    expect(ofB).toMatchObject({ value: 0, statistics: { live: 1 } });
  });

  it("counts a system's environments and its components'", async () => {
    const t = await start({
      goals: [{ ...conformance, scope: { system: 'system:checkout' } }],
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments-worker', namespace: 'default' },
          spec: { type: 'service', owner: TEAM_A, system: 'checkout' },
        },
      ],
    });
    await t.seed.environment('w1', {
      entity_ref: 'component:default/payments-worker',
    });
    await t.seed.environment('s1', { entity_ref: 'system:default/checkout' });
    const goal = await t.goals.get('conformance', guest, NOW);
    expect(goal.statistics).toEqual({ conformance: 100, live: 2 });
  });

  it('counts requests a blocking rule refused, but not refused plans', async () => {
    const t = await start({
      goals: [goalConfig('operation-success', { target: 90 })],
      classes: GOAL_TEST_CLASSES.map(c =>
        c.name === 'dev' ? { ...c, baseline: 'dev' } : c,
      ),
      baselines: blocking,
    });
    const two = ['a', 'b'].map(name => ({ type: 'double', name, spec: {} }));
    const request = {
      name: 'too-big',
      class: 'dev',
      owner: TEAM_A,
      entityRef: 'component:default/checkout-api',
      resources: two,
    };
    const credentials = { credentials: guest };
    await expect(
      t.environments.create(request, { ...credentials, dryRun: true }),
    ).rejects.toThrow(/blocking rule/);
    await expect(t.environments.create(request, credentials)).rejects.toThrow(
      /blocking rule/,
    );
    const { environment } = (await t.environments.create(
      { ...request, name: 'small', resources: [two[0]] },
      credentials,
    )) as any;
    await expect(
      t.environments.addResources(environment.id, [two[1]], guest),
    ).rejects.toThrow(/blocking rule/);

    const rows = await t.knex('baseline_refusals').orderBy('operation_type');
    expect(
      rows.map(r => [r.operation_type, r.name, r.environment_id, r.rules]),
    ).toEqual([
      ['create', 'too-big', null, 'environment.max-resources'],
      ['update', 'small', environment.id, 'environment.max-resources'],
    ]);
    const goal = await t.goals.get('operation-success', mockCredentials.user());
    expect(goal.statistics).toMatchObject({ baselineRefusals: 2, failed: 2 });
  });
});
