import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  CreateEnvironmentRequest,
  EnvironmentsClient,
} from '@paved/plugin-environments-common';
import { AddressInfo } from 'node:net';
import { ProviderDouble } from './__testUtils__/ProviderDouble';
import { startWithProviderDouble } from './__testUtils__/startWithProviderDouble';

/*
 * The client of @paved/plugin-environments-common against the real plugin over HTTP.
 * It lives here because this package has the test server; -common must not depend on
 * the backend.
 */

const classes = [
  {
    name: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    ttl: { default: '24h', max: '7d' },
    maxEnvironmentsPerOwner: 100,
    resources: { double: { target: 'local', monthlyCost: 4.5 } },
  },
  {
    name: 'production',
    tier: 'production',
    lifecycle: 'static',
    resources: { double: { target: 'local' } },
  },
];

const validRequest: CreateEnvironmentRequest = {
  name: 'pr-1',
  class: 'preview',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  ttl: '4h',
  resources: [{ type: 'double', name: 'main', spec: { size: 2 } }],
};

/** Runs the call and hands back what it threw, failing if it did not throw. */
async function rejection(call: Promise<unknown>): Promise<ResponseError> {
  const error = await call.then(
    () => undefined,
    e => e,
  );
  expect(ResponseError.is(error)).toBe(true);
  return error as ResponseError;
}

describe('EnvironmentsClient against the plugin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let client: EnvironmentsClient;
  let baseUrl: string;
  let provider: ProviderDouble;
  /** What the client sent, seen through the fetchApi it was given. */
  const sent: Request[] = [];

  beforeAll(async () => {
    const started = await startWithProviderDouble({
      knex: await databases.init('SQLITE_3'),
      classes,
      goals: [
        {
          id: 'golden-paths',
          title: 'Most environments come from a golden path',
          owner: 'group:default/platform-team',
          metric: 'self-service-share',
          target: 80,
          due: '2027-06-30',
        },
      ],
    });
    const server = started.server;
    provider = started.provider;
    baseUrl = `http://localhost:${
      (server.address() as AddressInfo).port
    }/api/environments`;
    client = new EnvironmentsClient({
      discoveryApi: {
        getBaseUrl: async pluginId =>
          `http://localhost:${
            (server.address() as AddressInfo).port
          }/api/${pluginId}`,
      },
      fetchApi: {
        fetch: async (input, init) => {
          sent.push(new Request(input, init));
          return fetch(input, init);
        },
      },
    });
  });

  beforeEach(() => {
    sent.length = 0;
  });

  async function waitFor(id: string, status: string) {
    for (let i = 0; i < 200; i++) {
      const environment = await client.getEnvironment(id);
      if (environment.status === status) return environment;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`environment ${id} never became ${status}`);
  }

  it('creates, reads, lists, extends and destroys an environment', async () => {
    const plan = await client.createEnvironment(validRequest, { dryRun: true });
    expect(plan.estimatedMonthlyCost).toEqual({ amount: 4.5, currency: 'USD' });
    expect(sent[0].url).toBe(`${baseUrl}/environments?dryRun=true`);

    const { environment, operation } = await client.createEnvironment(
      validRequest,
      {
        scaffolderTaskId: 'task-1',
      },
    );
    expect(environment).toMatchObject({ name: 'pr-1', status: 'provisioning' });
    expect(operation).toMatchObject({
      type: 'create',
      scaffolderTaskId: 'task-1',
    });

    const ready = await waitFor(environment.id, 'ready');
    expect(ready.resources[0]).toMatchObject({ name: 'main', status: 'ready' });

    const list = await client.listEnvironments({
      entityRef: ['component:default/checkout-api', 'system:default/checkout'],
      tier: 'preview',
      limit: 10,
    });
    expect(list.items.map(e => e.id)).toContain(environment.id);
    expect(
      new URL(sent[sent.length - 1].url).searchParams.getAll('entityRef'),
    ).toEqual(['component:default/checkout-api', 'system:default/checkout']);

    const { connectionString } = await client.revealSecret(
      ready.resources[0].id,
    );
    expect(connectionString).toMatch(/^double:\/\/pr-1-main:/);

    const extended = await client.extendEnvironment(environment.id, '2d');
    expect(
      Date.parse(extended.environment.expiresAt!) - Date.now(),
    ).toBeGreaterThan(47 * 3600_000);

    const destroyed = await client.destroyEnvironment(environment.id);
    expect(destroyed.operation.type).toBe('destroy');
    await waitFor(environment.id, 'destroyed');

    const operations = await client.getOperations(environment.id);
    expect(operations.map(o => o.type)).toEqual([
      'destroy',
      'extend',
      'create',
    ]);
  });

  it('sends the Idempotency-Key, so a retry answers with the first environment', async () => {
    const request = { ...validRequest, name: 'retried' };
    const first = await client.createEnvironment(request, {
      idempotencyKey: 'task-7:env',
    });
    const again = await client.createEnvironment(request, {
      idempotencyKey: 'task-7:env',
    });
    expect(again.environment.id).toBe(first.environment.id);
    expect(sent.map(r => r.headers.get('idempotency-key'))).toEqual([
      'task-7:env',
      'task-7:env',
    ]);

    const error = await rejection(
      client.createEnvironment(
        { ...request, name: 'other' },
        { idempotencyKey: 'task-7:env' },
      ),
    );
    expect(error.statusCode).toBe(409);
    expect(error.message).toMatch(
      /^Request failed with 409 Conflict: Idempotency-Key: /,
    );
  });

  it('turns a 400 and a 409 into a ResponseError whose message names the field', async () => {
    const invalid = await rejection(
      client.createEnvironment({ ...validRequest, name: 'Not_A_Label' }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.cause.name).toBe('InputError');
    expect(invalid.message).toMatch(
      /^Request failed with 400 Bad Request: name: must be a DNS label/,
    );

    await client.createEnvironment({ ...validRequest, name: 'taken' });
    const conflict = await rejection(
      client.createEnvironment({ ...validRequest, name: 'taken' }),
    );
    expect(conflict.statusCode).toBe(409);
    expect(conflict.cause.name).toBe('ConflictError');
    expect(conflict.message).toMatch(
      /: name: .* already has an environment named "taken"/,
    );
  });

  it('needs confirm to destroy production, and sends it', async () => {
    const { environment } = await client.createEnvironment({
      ...validRequest,
      name: 'prod',
      class: 'production',
      ttl: undefined,
    });
    const refused = await rejection(client.destroyEnvironment(environment.id));
    expect(refused.message).toMatch(
      /: confirm: destroying a production environment needs/,
    );
    const destroyed = await client.destroyEnvironment(environment.id, {
      confirm: 'prod',
    });
    expect(destroyed.environment.status).toBe('destroying');
  });

  it('retries a failed environment and lists the classes', async () => {
    provider.permanentFailure = 'the double refused';
    const { environment } = await client.createEnvironment({
      ...validRequest,
      name: 'fails-once',
    });
    expect((await waitFor(environment.id, 'failed')).statusReason).toBe(
      'the double refused',
    );
    const { operation } = await client.retryEnvironment(environment.id);
    expect(sent.at(-1)?.method).toBe('POST');
    expect(operation.type).toBe('update');
    await waitFor(environment.id, 'ready');

    const listed = await client.listClasses();
    expect(listed.map(c => [c.name, c.ttl?.max])).toEqual([
      ['preview', '7d'],
      ['production', undefined],
    ]);
  });

  it('reads findings, of one environment and filtered across environments', async () => {
    const { environment } = await client.createEnvironment({
      ...validRequest,
      name: 'findings',
    });
    await expect(client.getFindings(environment.id)).resolves.toEqual([]);
    await expect(
      client.listFindings({
        entityRef: [validRequest.entityRef, 'system:default/shop'],
        severity: 'high',
        state: 'open',
      }),
    ).resolves.toEqual([]);
    expect(sent.at(-1)?.url).toBe(
      `${baseUrl}/findings?entityRef=${encodeURIComponent(
        validRequest.entityRef,
      )}&entityRef=system%3Adefault%2Fshop&severity=high&state=open`,
    );
    const error = await rejection(client.getFindings('no-such-id'));
    expect(error.message).toMatch(/: No environment with id no-such-id$/);
  });

  it('encodes ids into the path', async () => {
    const error = await rejection(client.getEnvironment('a/b?c=d#e'));
    // The plugin's own 404 for that id, not the router's "no such route".
    expect(error.message).toMatch(/: No environment with id a\/b\?c=d#e$/);
    expect(sent[0].url).toBe(`${baseUrl}/environments/a%2Fb%3Fc%3Dd%23e`);
  });

  it('sends a token as a bearer token, for backend callers', async () => {
    const { environment } = await client.createEnvironment(
      { ...validRequest, name: 'alices' },
      { token: mockCredentials.user.token('user:default/alice') },
    );
    expect(environment.createdBy).toBe('user:default/alice');

    // The secret is for users only: a service token is refused, so it was sent.
    const resourceId = environment.resources[0].id;
    await waitFor(environment.id, 'ready');
    const error = await rejection(
      client.revealSecret(resourceId, {
        token: mockCredentials.service.token(),
      }),
    );
    expect(error.statusCode).toBe(403);
    expect(error.message).toMatch(/does not allow 'service' credentials/);
  });

  it('sends query values as the router reads them back', async () => {
    const { environment } = await client.createEnvironment({
      ...validRequest,
      name: 'queried',
    });
    const without = await client.listEnvironments({
      hasFindings: false,
      limit: 500,
    });
    expect(without.items.map(e => e.id)).toContain(environment.id);
    const withFindings = await client.listEnvironments({ hasFindings: true });
    expect(withFindings.items.map(e => e.id)).not.toContain(environment.id);
    expect(new URL(sent.at(-1)!.url).search).toBe('?hasFindings=true');
  });

  it("reads a goal's history as JSON and as CSV text", async () => {
    const { day } = await client.snapshotGoals();
    const history = await client.getGoalHistory('golden-paths', { from: day });
    expect(history.items.map(i => i.day)).toEqual([day]);
    expect(new URL(sent.at(-1)!.url).search).toBe(`?from=${day}&format=json`);
    const csv = await client.getGoalHistoryCsv('golden-paths', { to: day });
    expect(csv.split('\r\n')).toEqual([
      'day,value,target,direction,status,onTrack,example,templateShare,created',
      expect.stringMatching(new RegExp(`^${day},`)),
      '',
    ]);
    const unknown = await rejection(client.getGoalHistoryCsv('nope'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.message).toMatch(/: There is no goal "nope"/);
  });

  it('uses the global fetch when given no fetchApi', async () => {
    const plain = new EnvironmentsClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
    });
    const list = await plain.listEnvironments({
      owner: 'group:default/nobody',
    });
    expect(list).toEqual({ items: [], totalItems: 0 });
  });
});
