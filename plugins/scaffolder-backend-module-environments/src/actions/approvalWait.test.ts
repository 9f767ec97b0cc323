import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import environmentsPlugin from '@paved/plugin-environments-backend';
import postgresModule from '@paved/plugin-environments-backend-module-postgres';
import { createTestProvisioningRole } from '@paved/plugin-environments-backend-module-postgres/testUtils';
import { AddressInfo } from 'node:net';
import { checkoutApi } from '../__testUtils__/checkoutApi';
import { createPavedEnvironmentCreateAction } from './createEnvironment';
import { createPavedResourceProvisionAction } from './provisionResource';

const PLATFORM = 'group:default/platform-team';
const APPROVER = 'user:default/priya';

/** A real environments backend whose production class needs the platform team's approval. */
async function startEnvironments() {
  const role = await createTestProvisioningRole();
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      postgresModule,
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secrets: { key: Buffer.alloc(32, 8).toString('base64') },
            providers: {
              postgres: { targets: { shared: { ...role.connection } as any } },
            },
            classes: [
              {
                name: 'production',
                tier: 'production',
                lifecycle: 'static',
                approval: { always: true, approvers: PLATFORM },
                baseline: 'production',
                resources: { 'postgres-database': { target: 'shared' } },
              },
            ],
            baselines: {
              production: {
                rules: [
                  {
                    id: 'environment.cost-budget',
                    severity: 'high',
                    message: 'Within budget',
                    link: '/docs/default/component/platform-guidelines/baselines/#environment.cost-budget',
                    params: { max: 100 },
                  },
                ],
              },
            },
          },
        },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: any) {
            const user = credentials.principal.userEntityRef;
            return {
              userEntityRef: user,
              ownershipEntityRefs:
                user === APPROVER ? [user, PLATFORM] : [user],
            };
          },
        }),
      }),
      catalogServiceMock.factory({ entities: [checkoutApi] }),
    ],
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://localhost:${port}/api/environments`;
  return {
    baseUrl,
    options: {
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      appBaseUrl: 'http://portal.test',
      pollIntervalMs: 50,
    },
  };
}

function rememberingCheckpoints() {
  const done = new Map<string, unknown>();
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async checkpoint({ key, fn }: { key: string; fn: () => Promise<any> }) {
      if (done.has(key)) return done.get(key);
      calls += 1;
      const value = await fn();
      done.set(key, value);
      return value;
    },
  };
}

describe('paved:environment:create on a class that needs approval', () => {
  let env: Awaited<ReturnType<typeof startEnvironments>>;
  beforeAll(async () => {
    env = await startEnvironments();
  });

  const input = (name: string) => ({
    name,
    class: 'production',
    owner: 'group:default/checkout-team',
    entityRef: 'component:default/checkout-api',
    resources: [],
    wait: true,
    timeout: 60,
  });
  const context = (name: string, extra: object = {}): any => {
    const logger = mockServices.logger.mock();
    return {
      ...createMockActionContext({
        input: input(name),
        task: { id: `task-${name}` },
        logger,
      } as any),
      logger,
      ...extra,
    };
  };

  async function pendingRequestOf(name: string): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const response = await fetch(`${env.baseUrl}/requests?state=pending`);
      const { items } = await response.json();
      const request = items.find((r: any) => r.environmentName === name);
      if (request) return request.id;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`no pending request for ${name}`);
  }

  const decide = (id: string, body: object) =>
    fetch(`${env.baseUrl}/requests/${id}/decision`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: mockCredentials.user.header(APPROVER),
      },
      body: JSON.stringify(body),
    });

  it('waits for the approver, saying who, then succeeds once approved', async () => {
    const ctx = context('wait-ok');
    const running = createPavedEnvironmentCreateAction(env.options).handler(
      ctx,
    );
    const id = await pendingRequestOf('wait-ok');
    expect((await decide(id, { decision: 'approve' })).status).toBe(200);
    await running;
    const logged = (ctx.logger.info as jest.Mock).mock.calls.map(c => c[0]);
    expect(logged).toContainEqual(
      expect.stringContaining(`waiting for approval by ${PLATFORM}`),
    );
    expect(
      Object.fromEntries((ctx.output as jest.Mock).mock.calls).status,
    ).toBe('ready');
  });

  it('passes the reason and the exceptions asked for to the request, a form date lasting to the end of its day', async () => {
    const day = new Date(Date.now() + 10 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const ctx = context('with-exception');
    ctx.input = {
      ...ctx.input,
      wait: false,
      reason: 'launch week',
      exceptions: [
        {
          rule: 'environment.cost-budget',
          justification: 'two replicas during the launch',
          until: day,
        },
      ],
    };
    await createPavedEnvironmentCreateAction(env.options).handler(ctx);
    const id = await pendingRequestOf('with-exception');
    const requests = await (
      await fetch(`${env.baseUrl}/requests?state=pending`)
    ).json();
    expect(requests.items.find((r: any) => r.id === id).reason).toBe(
      'launch week',
    );
    const environmentId = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls,
    ).environmentId;
    const { items } = await (
      await fetch(`${env.baseUrl}/exceptions?environmentId=${environmentId}`)
    ).json();
    expect(items).toMatchObject([
      {
        state: 'pending',
        rule: 'environment.cost-budget',
        approvers: PLATFORM,
        until: `${day}T23:59:59.000Z`,
        justification: 'two replicas during the launch',
      },
    ]);
  });

  it("fails with the approver's comment when rejected", async () => {
    const ctx = context('wait-no');
    const running = createPavedEnvironmentCreateAction(env.options).handler(
      ctx,
    );
    const id = await pendingRequestOf('wait-no');
    await decide(id, {
      decision: 'reject',
      comment: 'use staging for the load test',
    });
    await expect(running).rejects.toThrow(
      `The request for wait-no was rejected by ${APPROVER}: use staging for the load test`,
    );
  });

  it('is cancellable while waiting, and a recovered task waits on the same request', async () => {
    const checkpoints = rememberingCheckpoints();
    const controller = new AbortController();
    const first = context('wait-again', {
      checkpoint: checkpoints.checkpoint,
      signal: controller.signal,
    });
    const running = createPavedEnvironmentCreateAction(env.options).handler(
      first,
    );
    const id = await pendingRequestOf('wait-again');
    controller.abort(new Error('The task was cancelled'));
    await expect(running).rejects.toThrow('The task was cancelled');

    // The scaffolder recovers the task: the step runs again with what it remembered.
    const second = context('wait-again', {
      checkpoint: checkpoints.checkpoint,
    });
    const resumed = createPavedEnvironmentCreateAction(env.options).handler(
      second,
    );
    await new Promise(r => setTimeout(r, 200));
    await decide(id, { decision: 'approve' });
    await resumed;
    expect(checkpoints.calls).toBe(1);
    const outputs = Object.fromEntries((second.output as jest.Mock).mock.calls);
    expect(outputs.status).toBe('ready');
  });

  it('paved:resource:provision waits for approval of the update, then provisions; a rejection fails it with the comment', async () => {
    const asGuest = {
      'Content-Type': 'application/json',
      Authorization: mockCredentials.user.header('user:default/guest'),
    };
    const created = await (
      await fetch(`${env.baseUrl}/environments`, {
        method: 'POST',
        headers: asGuest,
        body: JSON.stringify({
          ...input('grow'),
          wait: undefined,
          timeout: undefined,
        }),
      })
    ).json();
    await decide(created.approval.requestId, { decision: 'approve' });
    const environmentId = created.environment.id;
    const provision = (name: string) => {
      const logger = mockServices.logger.mock();
      const ctx: any = {
        ...createMockActionContext({
          input: {
            environmentId,
            resource: { type: 'postgres-database', name },
            wait: true,
            timeout: 60,
          },
          task: { id: `task-provision-${name}` },
          logger,
        } as any),
        logger,
      };
      return {
        ctx,
        running: createPavedResourceProvisionAction(env.options).handler(ctx),
      };
    };

    const first = provision('db');
    const id = await pendingRequestOf('grow');
    // Approved before the action's first look, it would have nothing to wait for or say.
    const waiting = `The request to update grow is waiting for approval by ${PLATFORM} (every request of the production class needs approval)`;
    const logged = () =>
      (first.ctx.logger.info as jest.Mock).mock.calls.map(c => c[0]);
    for (let i = 0; i < 400 && !logged().includes(waiting); i++) {
      await new Promise(r => setTimeout(r, 25));
    }
    expect(logged()).toContainEqual(waiting);
    expect((await decide(id, { decision: 'approve' })).status).toBe(200);
    await first.running;
    const outputs = Object.fromEntries(
      (first.ctx.output as jest.Mock).mock.calls,
    );
    expect(outputs.status).toBe('ready');
    expect(outputs.resources.map((r: any) => [r.name, r.status])).toEqual([
      ['db', 'ready'],
    ]);

    const second = provision('db2');
    const rejected = await pendingRequestOf('grow');
    await decide(rejected, {
      decision: 'reject',
      comment: 'use the shared cache',
    });
    await expect(second.running).rejects.toThrow(
      `The request to update grow was rejected by ${APPROVER}: use the shared cache`,
    );

    await fetch(`${env.baseUrl}/environments/${environmentId}?confirm=grow`, {
      method: 'DELETE',
      headers: asGuest,
    });
  });
});
