import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { toTimestamp } from '../database/dialect';
import { createTestEnvironments } from '../__testUtils__/createTestEnvironments';
import { WorkSignal } from '../lifecycle/WorkSignal';
import {
  PendingProviderError,
  TransientProviderError,
} from '@paved/plugin-environments-node';
import { OperationsEngine } from './OperationsEngine';

const classes = [
  {
    name: 'dev',
    tier: 'development',
    lifecycle: 'static',
    resources: { double: { target: 'local' } },
  },
];

const request = (name: string) => ({
  name,
  class: 'dev',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  resources: [{ type: 'double', name: 'main', spec: {} }],
});

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('OperationsEngine on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });
  const credentials = mockCredentials.user();

  async function setUp() {
    const knex = await databases.init(databaseId);
    const env = await createTestEnvironments({ knex, classes });
    const created = (await env.environments.create(request('dev-1'), {
      credentials,
    })) as any;
    const secondWorker = () =>
      new OperationsEngine({
        store: env.store,
        lifecycle: env.lifecycle,
        signal: new WorkSignal(),
        providers: env.providers,
        secrets: env.secrets,
        logger: env.logger,
      });
    return { ...env, knex, created, secondWorker };
  }

  it('takes over an operation whose worker died once its lease has run out', async () => {
    const { knex, created, secondWorker, environments, provider } =
      await setUp();
    const operationId = created.operation.id;
    // As a worker leaves it when it dies mid-apply: claimed, leased, half done.
    await knex('operations')
      .where({ id: operationId })
      .update({
        state: 'running',
        attempts: 1,
        lease_owner: 'worker-that-died',
        lease_expires_at: toTimestamp(new Date(Date.now() + 60_000)),
      });
    await knex('resources')
      .where({ environment_id: created.environment.id })
      .update({ status: 'provisioning' });

    const worker = secondWorker();
    expect(await worker.runOnce()).toBe(false); // the lease still holds

    await knex('operations')
      .where({ id: operationId })
      .update({ lease_expires_at: toTimestamp(new Date(Date.now() - 1)) });
    expect(await worker.runOnce()).toBe(true);

    const environment = await environments.get(
      created.environment.id,
      credentials,
    );
    expect(environment.status).toBe('ready');
    expect(environment.resources[0].status).toBe('ready');
    const [operation] = await environments.operations(
      created.environment.id,
      credentials,
    );
    expect(operation).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(provider.applied).toHaveLength(1);
  });

  it('lets a worker that was presumed dead change nothing when it comes back', async () => {
    const { knex, engine, created, secondWorker, environments, provider } =
      await setUp();
    let release!: () => void;
    provider.gate = new Promise(resolve => (release = resolve));

    const slow = engine.runOnce(); // claims, then waits inside the provider
    while (provider.applied.length === 0)
      await new Promise(r => setTimeout(r, 5));
    provider.gate = undefined;

    // Its lease runs out (a long pause, a network split) and another worker finishes.
    await knex('operations')
      .where({ id: created.operation.id })
      .update({ lease_expires_at: toTimestamp(new Date(Date.now() - 1)) });
    expect(await secondWorker().runOnce()).toBe(true);
    const finished = await environments.operations(
      created.environment.id,
      credentials,
    );
    expect(finished[0].state).toBe('succeeded');

    release();
    await slow;
    const after = await environments.operations(
      created.environment.id,
      credentials,
    );
    expect(after).toEqual(finished);
    expect(
      (await environments.get(created.environment.id, credentials)).status,
    ).toBe('ready');
    expect(provider.applied).toHaveLength(2); // both applied; providers converge
  });

  it("runs one environment's operations one at a time, in order", async () => {
    const { engine, created, secondWorker, environments, provider } =
      await setUp();
    let release!: () => void;
    provider.gate = new Promise(resolve => (release = resolve));
    const creating = engine.runOnce();
    while (provider.applied.length === 0)
      await new Promise(r => setTimeout(r, 5));

    await environments.destroy(created.environment.id, undefined, credentials);
    // The destroy waits for the create, even on another worker.
    expect(await secondWorker().runOnce()).toBe(false);

    provider.gate = undefined;
    release();
    await creating;
    expect(await secondWorker().runOnce()).toBe(true);
    expect(provider.destroyed).toHaveLength(1);
    expect(
      (await environments.get(created.environment.id, credentials)).status,
    ).toBe('destroyed');
  });

  it('asks a provider that waits on a review again later, showing its link meanwhile, and finishes when it is done', async () => {
    const { knex, created, secondWorker, environments, provider } =
      await setUp();
    const apply = provider.apply.bind(provider);
    let reviewed = false;
    jest.spyOn(provider, 'apply').mockImplementation(async call => {
      if (!reviewed) {
        throw new PendingProviderError(
          'waiting for review: https://git.example/pr/7',
          {
            checkAfterMs: 60_000,
            outputs: { changeRequest: 'https://git.example/pr/7' },
          },
        );
      }
      return apply(call);
    });
    const worker = secondWorker();
    for (let i = 0; i < 10; i++) {
      expect(await worker.runOnce()).toBe(true);
      const waiting = await environments.get(
        created.environment.id,
        credentials,
      );
      expect(waiting.status).not.toBe('failed');
      expect(waiting.resources[0].outputs).toMatchObject({
        changeRequest: 'https://git.example/pr/7',
      });
      // Not before its time: the next check is a minute away.
      expect(await worker.runOnce()).toBe(false);
      await knex('operations')
        .where({ id: created.operation.id })
        .update({ next_attempt_at: toTimestamp(new Date(Date.now() - 1)) });
    }
    expect(
      (await environments.operations(created.environment.id, credentials))[0]
        .state,
    ).toBe('queued');

    // Ten checks of the review, more than the eight attempts allowed, spent none of them:
    // a real network error after the review still gets its retries.
    reviewed = true;
    jest
      .spyOn(provider, 'apply')
      .mockRejectedValueOnce(new TransientProviderError('connection reset'));
    expect(await worker.runOnce()).toBe(true);
    const retrying = await environments.get(
      created.environment.id,
      credentials,
    );
    expect(retrying.status).not.toBe('failed');
    expect(retrying.statusReason).toMatch(
      /Retrying: connection reset \(attempt 1 of 8 failed/,
    );
    await knex('operations')
      .where({ id: created.operation.id })
      .update({ next_attempt_at: toTimestamp(new Date(Date.now() - 1)) });
    expect(await worker.runOnce()).toBe(true);
    const done = await environments.get(created.environment.id, credentials);
    expect(done.status).toBe('ready');
    expect(done.resources[0].outputs).toMatchObject({ host: 'double.local' });
  });
});
