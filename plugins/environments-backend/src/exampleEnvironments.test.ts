import { TestDatabases } from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestEnvironments } from './__testUtils__/createTestEnvironments';
import { startGoals } from './wiring/startGoals';
import {
  GOAL_TEST_CLASSES,
  seeder,
  TEAM_A,
} from './__testUtils__/seedGoalData';

const EXAMPLES = [
  {
    name: 'production',
    class: 'prod',
    owner: TEAM_A,
    entityRef: 'component:default/checkout-api',
    resources: [{ type: 'double', name: 'db' }],
  },
  {
    name: 'pr-1',
    class: 'preview',
    owner: TEAM_A,
    entityRef: 'component:default/checkout-api',
    ttl: '3d',
  },
];
// Production needs a decision; the examples' service approves its own.
const CLASSES = GOAL_TEST_CLASSES.map(c =>
  c.name === 'prod'
    ? { ...c, approval: { always: true, approvers: 'group:default/platform' } }
    : c,
);
const guest = { limit: 50 } as const;

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('example environments on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  async function start(examples?: unknown) {
    const knex = await databases.init(databaseId);
    const open = () =>
      createTestEnvironments({ knex, classes: CLASSES, examples });
    const t = await open();
    const names = async () =>
      (
        await t.store.environments.listEnvironments({ ...guest, offset: 0 })
      ).items
        .map(e => `${e.name}:${e.class}:${e.status}`)
        .sort();
    return { ...t, knex, open, names };
  }

  it('creates the examples once on an empty store, provisioned like any other', async () => {
    const t = await start(EXAMPLES);
    expect(await t.createExamples()).toEqual([
      'production (component:default/checkout-api)',
      'pr-1 (component:default/checkout-api)',
    ]);
    // Approved at once: queued for the engine, not waiting on the platform team.
    expect(await t.names()).toEqual([
      'pr-1:preview:provisioning',
      'production:prod:provisioning',
    ]);
    const requests = await t.store.requests.list({});
    expect(requests.map(r => [r.state, r.reason])).toEqual([
      ['approved', expect.stringContaining('Example data')],
    ]);

    const restarted = await t.open();
    expect(await restarted.createExamples()).toEqual([]);
    expect(await t.names()).toHaveLength(2);
  });

  it('creates nothing in a store that already holds an environment, even a destroyed one', async () => {
    const t = await start(EXAMPLES);
    await seeder(t.knex).environment('old', { status: 'destroyed' });
    expect(await t.createExamples()).toEqual([]);
  });

  it('is off by default', async () => {
    for (const examples of [undefined, false]) {
      const t = await start(examples);
      expect(await t.createExamples()).toEqual([]);
      expect(await t.names()).toEqual([]);
    }
  });

  it('seeds the example history once the examples are provisioned, so its line ends at their values', async () => {
    const t = await start(EXAMPLES);
    let statusesWhenSeeded: string[] = [];
    const seed = t.goals.seedExampleHistory.bind(t.goals);
    jest.spyOn(t.goals, 'seedExampleHistory').mockImplementation(async () => {
      statusesWhenSeeded = await t.names();
      return seed();
    });
    const started = startGoals(
      {
        scheduler: mockServices.scheduler.mock(),
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      },
      { ...t, goalJobs: [] },
    );
    // The engine works while startGoals waits, as it does in the running backend.
    let done = false;
    void started.finally(() => {
      done = true;
    });
    while (!done) {
      if (!(await t.engine.runOnce()))
        await new Promise(r => setTimeout(r, 20));
    }
    await started;
    expect(statusesWhenSeeded).toEqual([
      'pr-1:preview:ready',
      'production:prod:ready',
    ]);
  });
});
