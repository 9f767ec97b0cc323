import { TestDatabases } from '@backstage/backend-test-utils';
import { connectMcp, McpSession } from './__testUtils__/mcpSession';
import { people } from './__testUtils__/ownersPolicy';
import { startWithMcp } from './__testUtils__/startWithMcp';

const asked = {
  name: 'pr-7',
  class: 'preview',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  resources: [{ type: 'double', name: 'main' }],
};

/** Calls get-environment until the environment is in `status`. */
async function follow(session: McpSession, id: string, status: string) {
  for (let i = 0; i < 100; i++) {
    const { environment } = await session.expectOutput('get-environment', {
      id,
    });
    if (environment.status === status) return environment;
    await new Promise(r => setTimeout(r, 20));
  }
  throw new Error(`${id} never became ${status}`);
}

describe('plan-environment and create-environment', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let ada: McpSession;

  beforeAll(async () => {
    const { server } = await startWithMcp({
      knex: await databases.init('SQLITE_3'),
      classes: [
        {
          name: 'preview',
          tier: 'preview',
          lifecycle: 'ephemeral',
          ttl: { default: '24h', max: '7d' },
          resources: { double: { target: 'local', monthlyCost: 4 } },
        },
        {
          name: 'staging',
          tier: 'staging',
          lifecycle: 'static',
          resources: { double: { target: 'local', monthlyCost: 25 } },
          approval: {
            monthlyBudget: 20,
            approvers: 'group:default/platform-team',
          },
        },
      ],
    });
    ada = await connectMcp(server, people.ada.ref);
  });

  afterAll(() => ada.close());

  it('creates once for a retried call, with or without a key', async () => {
    const first = await ada.expectOutput('create-environment', asked);
    const retried = await ada.expectOutput('create-environment', asked);
    expect(retried.environment.id).toBe(first.environment.id);
    expect(retried.operation.id).toBe(first.operation.id);
    expect(retried.idempotencyKey).toBe(first.idempotencyKey);
    expect(first.idempotencyKey).toMatch(/^mcp-[0-9a-f]{64}$/);

    const keyed = { ...asked, name: 'pr-8', idempotencyKey: 'checkout-pr-8' };
    const once = await ada.expectOutput('create-environment', keyed);
    const twice = await ada.expectOutput('create-environment', keyed);
    expect(twice.environment.id).toBe(once.environment.id);
    expect(once.idempotencyKey).toBe('checkout-pr-8');
    expect(
      await ada.call('create-environment', { ...keyed, ttl: '2h' }),
    ).toEqual({
      ok: false,
      error:
        'ConflictError: Idempotency-Key: "checkout-pr-8" was already used for a different request',
    });

    const { items } = await ada.expectOutput('list-environments', {
      entityRefs: ['component:default/checkout-api'],
    });
    expect(items.map((e: any) => e.name).sort()).toEqual(['pr-7', 'pr-8']);
  });
  it('does not answer a new identical call with an environment destroyed since', async () => {
    const request = { ...asked, name: 'pr-9' };
    const { environment } = await ada.expectOutput(
      'create-environment',
      request,
    );
    await follow(ada, environment.id, 'ready');
    await ada.expectOutput('destroy-environment', { id: environment.id });
    await follow(ada, environment.id, 'destroyed');

    expect(await ada.call('create-environment', request)).toEqual({
      ok: false,
      error: `ConflictError: idempotencyKey: an identical earlier call created pr-9 (${environment.id}), which is destroyed now; pass a new idempotencyKey to create it again`,
    });
    const again = await ada.expectOutput('create-environment', {
      ...request,
      idempotencyKey: 'pr-9-again',
    });
    expect(again.environment).toMatchObject({
      name: 'pr-9',
      status: 'provisioning',
    });
    expect(again.environment.id).not.toBe(environment.id);
  });
  it('says in the plan when a request needs approval, and holds the create back', async () => {
    const request = { ...asked, name: 'release', class: 'staging' };
    const plan = await ada.expectOutput('plan-environment', request);
    expect(plan.approval).toEqual({
      approvers: 'group:default/platform-team',
      reasons: [expect.stringMatching(/25.*20/)],
    });
    expect(plan.estimatedMonthlyCost).toEqual({ amount: 25, currency: 'USD' });

    const held = await ada.expectOutput('create-environment', request);
    expect(held.environment.status).toBe('awaiting-approval');
    expect(held.approval).toMatchObject({
      approvers: 'group:default/platform-team',
      requestId: expect.any(String),
    });
    const { items } = await ada.expectOutput('list-environments', {
      status: 'awaiting-approval',
    });
    expect(items.map((e: any) => e.name)).toEqual(['release']);
  });
});
