import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import environmentsPlugin from '@paved/plugin-environments-backend';
import gitopsModule from '@paved/plugin-environments-backend-module-gitops';
import postgresModule from '@paved/plugin-environments-backend-module-postgres';
import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { checkoutApi } from '../__testUtils__/checkoutApi';
import { databasesLike } from '../__testUtils__/databasesLike';
import { environmentsConfig } from '../__testUtils__/environmentsConfig';
import { createPavedEnvironmentCreateAction } from './createEnvironment';
import { examples } from './createEnvironment.examples';
import { createPavedEnvironmentDestroyAction } from './destroyEnvironment';
import { createPavedEnvironmentExtendAction } from './extendEnvironment';
import { createPavedResourceProvisionAction } from './provisionResource';
import { examples as provisionExamples } from './provisionResource.examples';
import { examples as extendExamples } from './extendEnvironment.examples';
import { examples as destroyExamples } from './destroyEnvironment.examples';
import { createPavedEnvironmentPlanAction } from './planEnvironment';
import { examples as planExamples } from './planEnvironment.examples';

const gitFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-actions-git-'));
afterAll(() => fs.rmSync(gitFolder, { recursive: true, force: true }));

/**
 * A real environments backend on the test run's PostgreSQL server, with namespaces
 * committed to a real git repository in the test's folder.
 */
async function startEnvironments() {
  const config = await environmentsConfig([
    {
      name: 'preview',
      tier: 'preview',
      lifecycle: 'ephemeral',
      ttl: { default: '24h', max: '7d' },
      resources: {
        'postgres-database': { target: 'shared', monthlyCost: 4 },
        'kubernetes-namespace': { target: 'local' },
      },
    },
    {
      name: 'development',
      tier: 'development',
      lifecycle: 'static',
      resources: {
        'postgres-database': { target: 'shared', monthlyCost: 8 },
        'kubernetes-namespace': { target: 'local' },
      },
    },
  ]);
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      postgresModule,
      gitopsModule,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          localGit: { directory: gitFolder },
          environments: {
            ...config,
            providers: {
              ...(config.providers as JsonObject),
              gitops: { targets: { local: { localGit: { repository: 'platform-gitops' } } } },
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [checkoutApi] }),
    ],
  });
  const { port } = server.address() as AddressInfo;
  const options = {
    auth: mockServices.auth(),
    discovery: {
      getBaseUrl: async () => `http://localhost:${port}/api/environments`,
      getExternalBaseUrl: async () => `http://localhost:${port}/api/environments`,
    },
    appBaseUrl: 'http://portal.test',
    pollIntervalMs: 50,
  };
  return { options };
}

/** Remembers checkpoints per task, as the scaffolder does when it retries a step. */
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

/** A context for a task of its own, as every real scaffolder task is. */
function context(input: any, extra: object = {}): any {
  return createMockActionContext({
    input,
    task: { id: `task-${Math.random().toString(36).slice(2)}` },
    ...extra,
  } as any);
}

const base = {
  class: 'preview',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
};

describe('the Paved scaffolder actions, against a real environments backend', () => {
  let env: Awaited<ReturnType<typeof startEnvironments>>;
  beforeAll(async () => {
    env = await startEnvironments();
  });

  it('paved:environment:create provisions a database the next step can use, with no secret in the outputs', async () => {
    const action = createPavedEnvironmentCreateAction(env.options);
    const ctx = context({
        ...base,
        name: 'act-1',
        ttl: '4h',
        resources: [{ type: 'postgres-database', name: 'main', spec: { connectionLimit: 5 } }],
        wait: true,
        timeout: 60,
      });
    await action.handler(ctx);

    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toMatchObject({
      status: 'ready',
      environmentRef: 'environment:default/checkout-api-act-1',
      url: 'http://portal.test/catalog/default/component/checkout-api',
      estimatedMonthlyCost: { amount: 4, currency: 'USD' },
      resources: [
        {
          type: 'postgres-database',
          name: 'main',
          status: 'ready',
          outputs: { database: expect.stringMatching(/^act_1_main_/), port: expect.any(Number) },
        },
      ],
    });
    expect(JSON.stringify(outputs)).not.toMatch(/password|postgresql:\/\//);
    expect(await databasesLike('act_1_main_%')).toHaveLength(1);
  });

  it('plans on a dry run and creates nothing', async () => {
    const action = createPavedEnvironmentCreateAction(env.options);
    const ctx = {
      ...context({
          ...base,
          name: 'act-dry',
          resources: [{ type: 'postgres-database', name: 'main' }],
          wait: true,
          timeout: 60,
        }),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('status', 'planned');
    expect(ctx.output).toHaveBeenCalledWith('estimatedMonthlyCost', { amount: 4, currency: 'USD' });
    expect(await databasesLike('act_dry_%')).toEqual([]);
  });

  it('provisions once when the same step runs again, remembered or not', async () => {
    const action = createPavedEnvironmentCreateAction(env.options);
    const input = {
      ...base,
      name: 'act-retry',
      resources: [{ type: 'postgres-database', name: 'main' }],
      wait: true,
      timeout: 60,
    };
    const checkpoints = rememberingCheckpoints();
    const task = { id: 'task-retry' };
    const run = async (checkpoint?: any) => {
      const ctx: any = createMockActionContext({ input, task } as any);
      if (checkpoint) ctx.checkpoint = checkpoint;
      await action.handler(ctx);
      return Object.fromEntries((ctx.output as jest.Mock).mock.calls).environmentId;
    };
    const first = await run(checkpoints.checkpoint);
    // The scaffolder retries the step: the checkpoint is remembered.
    expect(await run(checkpoints.checkpoint)).toBe(first);
    expect(checkpoints.calls).toBe(1);
    // A recovered task that lost its checkpoints: the idempotency key still holds.
    expect(await run()).toBe(first);
    expect(await databasesLike('act_retry_main_%')).toHaveLength(1);
  });

  it('stops waiting at once when the task is cancelled', async () => {
    const action = createPavedEnvironmentCreateAction({ ...env.options, pollIntervalMs: 5_000 });
    const controller = new AbortController();
    const ctx = {
      ...context({
          ...base,
          name: 'act-cancel',
          resources: [{ type: 'postgres-database', name: 'main' }],
          wait: true,
          timeout: 600,
        }),
      signal: controller.signal,
    };
    const started = Date.now();
    const running = action.handler(ctx);
    setTimeout(() => controller.abort(new Error('The task was cancelled')), 100);
    await expect(running).rejects.toThrow(/cancelled/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it.each([
    [{ class: 'gold' }, /class: there is no class named "gold"/],
    [{ name: 'Not_A_Label' }, /name: must be a DNS label/],
    [{ ttl: '30d' }, /ttl: 30d is longer than the preview class allows \(7d\)/],
    [{ entityRef: 'component:default/nope' }, /entityRef: component:default\/nope is not in the catalog/],
    [{ owner: 'user:default/mock' }, /owner: must be a group entity ref/],
    [
      { resources: [{ type: 'postgres-database', name: 'main', spec: { connectionLimit: 100000 } }] },
      /resources\[0\]\.spec\.connectionLimit/,
    ],
  ])('fails the step with the API\'s message for %j, creating nothing', async (change, message) => {
    const action = createPavedEnvironmentCreateAction(env.options);
    const ctx = context({ ...base, name: 'act-bad', wait: true, timeout: 60, resources: [], ...change });
    await expect(action.handler(ctx)).rejects.toThrow(message);
    expect(await databasesLike('act_bad_%')).toEqual([]);
  });

  it.each(examples.map(e => [e.description, e] as const))('runs the example: %s', async (_, example) => {
    const [step] = yaml.parse(example.example).steps;
    const suffix = Math.random().toString(36).slice(2, 6);
    const ctx = context({ wait: true, timeout: 60, resources: [], ...step.input, name: `ex-${suffix}` });
    await createPavedEnvironmentCreateAction(env.options).handler(ctx);
    const status = (ctx.output as jest.Mock).mock.calls.find(([k]) => k === 'status')[1];
    expect(['ready', 'provisioning']).toContain(status);
  });

  it.each([
    ['paved:resource:provision', provisionExamples, createPavedResourceProvisionAction],
    ['paved:environment:extend', extendExamples, createPavedEnvironmentExtendAction],
    ['paved:environment:destroy', destroyExamples, createPavedEnvironmentDestroyAction],
  ] as const)('runs every example of %s', async (_, actionExamples, factory) => {
    for (const example of actionExamples) {
      const name = `ex-${Math.random().toString(36).slice(2, 6)}`;
      const created = context({ ...base, name, resources: [], wait: true, timeout: 60 });
      await createPavedEnvironmentCreateAction(env.options).handler(created);
      const environmentId = Object.fromEntries((created.output as jest.Mock).mock.calls).environmentId;
      // What the template's parameters would fill in.
      const parameters: Record<string, string> = { environmentId, confirm: name };
      const [step] = yaml.parse(
        example.example.replace(/\$\{\{ parameters\.(\w+) \}\}/g, (__, key) => parameters[key]),
      ).steps;
      const ctx = context({ wait: true, timeout: 60, ...step.input });
      await (factory as any)(env.options).handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('environmentId', environmentId);
    }
  });

  it('adds a database, extends and destroys, leaving nothing on the server', async () => {
    const created = context({ ...base, name: 'act-life', resources: [], wait: true, timeout: 60 });
    await createPavedEnvironmentCreateAction(env.options).handler(created);
    const environmentId = Object.fromEntries((created.output as jest.Mock).mock.calls).environmentId;

    const provision = createPavedResourceProvisionAction(env.options);
    const add = () =>
      context({
          environmentId,
          resource: { type: 'postgres-database', name: 'reports', spec: {} },
          wait: true,
          timeout: 60,
        });
    await provision.handler(add());
    await provision.handler(add()); // again: already there, nothing new
    expect(await databasesLike('act_life_reports_%')).toHaveLength(1);

    const wrongType = context({ environmentId, resource: { type: 'redis', name: 'reports' }, wait: true, timeout: 60 });
    await expect(provision.handler(wrongType)).rejects.toThrow(/already has a postgres-database named reports/);

    const extend = context({ environmentId, ttl: '3d' });
    await createPavedEnvironmentExtendAction(env.options).handler(extend);
    const expiresAt = Object.fromEntries((extend.output as jest.Mock).mock.calls).expiresAt;
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);

    const destroy = context({ environmentId, wait: true, timeout: 60 });
    await createPavedEnvironmentDestroyAction(env.options).handler(destroy);
    expect(destroy.output).toHaveBeenCalledWith('status', 'destroyed');
    expect(await databasesLike('act_life_%')).toEqual([]);
  });

  it('on a dry run, provision, extend and destroy say what they would do and change nothing', async () => {
    const created = context({ ...base, name: 'act-plan', resources: [], wait: true, timeout: 60 });
    await createPavedEnvironmentCreateAction(env.options).handler(created);
    const { environmentId, expiresAt } = Object.fromEntries((created.output as jest.Mock).mock.calls);
    const dryRun = (input: object) => {
      const logger = mockServices.logger.mock();
      return { ...context(input, { logger }), isDryRun: true, logger };
    };

    const provision = dryRun({
      environmentId,
      resource: { type: 'postgres-database', name: 'reports' },
      wait: true,
      timeout: 60,
    });
    await createPavedResourceProvisionAction(env.options).handler(provision);
    const extend = dryRun({ entityRef: base.entityRef, environmentName: 'act-plan', ttl: '3d' });
    await createPavedEnvironmentExtendAction(env.options).handler(extend);
    const destroy = dryRun({ environmentId, wait: true, timeout: 60 });
    await createPavedEnvironmentDestroyAction(env.options).handler(destroy);

    expect(provision.logger.info).toHaveBeenCalledWith(
      'Would add the postgres-database reports to act-plan',
    );
    expect(extend.logger.info).toHaveBeenCalledWith('Would make act-plan expire 3d from now');
    expect(destroy.logger.info).toHaveBeenCalledWith('Would destroy act-plan and its 0 resources');
    for (const ctx of [extend, destroy]) {
      expect(Object.fromEntries((ctx.output as jest.Mock).mock.calls)).toEqual({
        environmentId,
        status: 'ready',
      });
    }
    // A database has no preview: the API checked it and said nothing would be committed.
    expect(Object.fromEntries((provision.output as jest.Mock).mock.calls)).toEqual({
      environmentId,
      status: 'ready',
      changes: [],
    });
    const response = await fetch(
      `${await env.options.discovery.getBaseUrl()}/environments/${environmentId}`,
    );
    expect(await response.json()).toMatchObject({ status: 'ready', resources: [], expiresAt });
    expect(await databasesLike('act_plan_%')).toEqual([]);
  });

  it('acts as the user who runs the template', async () => {
    const ctx = context({ ...base, name: 'act-who', resources: [], wait: true, timeout: 60 });
    ctx.getInitiatorCredentials = async () => mockCredentials.user('user:default/priya');
    await createPavedEnvironmentCreateAction(env.options).handler(ctx);
    const environmentId = Object.fromEntries((ctx.output as jest.Mock).mock.calls).environmentId;
    const response = await fetch(
      `${await env.options.discovery.getBaseUrl()}/environments/${environmentId}`,
    );
    expect((await response.json()).createdBy).toBe('user:default/priya');
  });

  describe('a namespace on a dry run', () => {
    const dryRun = (input: object, isDryRun: boolean) => {
      const logger = mockServices.logger.mock();
      return { ...context(input, { logger }), isDryRun, logger };
    };
    const logged = (logger: { info: jest.Mock }) =>
      logger.info.mock.calls.map(([message]) => message).join('\n');

    it.each([
      ['paved:environment:plan', createPavedEnvironmentPlanAction, false],
      ['paved:environment:create', createPavedEnvironmentCreateAction, true],
    ] as const)('%s logs the files and diff it would commit and gives them as changes', async (_, factory, isDryRun) => {
      const name = isDryRun ? 'dry-ns' : 'plan-ns';
      const ctx = dryRun(
        { ...base, name, resources: [{ type: 'kubernetes-namespace', name: 'app' }], wait: true, timeout: 60 },
        isDryRun,
      );
      await (factory as any)(env.options).handler(ctx);

      const namespace = `checkout-api-${name}-app`;
      const log = logged(ctx.logger);
      expect(log).toContain(
        `app: would commit to http://localhost:7007/api/local-git/platform-gitops.git, in clusters/local/namespaces/${namespace}/: kustomization.yaml (added),`,
      );
      expect(log).toContain('namespace.yaml (added)');
      expect(log).toContain(`+++ b/clusters/local/namespaces/${namespace}/namespace.yaml`);
      expect(log).toMatch(new RegExp(`\\+  name: ${namespace}`));
      const { changes } = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(changes).toEqual([
        {
          resource: 'app',
          repository: 'http://localhost:7007/api/local-git/platform-gitops.git',
          path: `clusters/local/namespaces/${namespace}/`,
          diff: expect.stringContaining(`+  name: ${namespace}`),
          files: expect.objectContaining({
            [`clusters/local/namespaces/${namespace}/namespace.yaml`]: expect.stringContaining(`name: ${namespace}`),
          }),
        },
      ]);
      for (const file of Object.keys(changes[0].files)) {
        expect(changes[0].diff).toContain(`+++ b/${file}`);
      }
      // Nothing was committed: the repository has no such namespace.
      expect(fs.readdirSync(gitFolder).join(' ')).not.toContain(namespace);
    });

    it('paved:resource:provision logs the files and diff a namespace would add to an existing environment, committing nothing', async () => {
    const created = context({ ...base, name: 'prov-ns', resources: [], wait: true, timeout: 60 });
    await createPavedEnvironmentCreateAction(env.options).handler(created);
    const { environmentId } = Object.fromEntries((created.output as jest.Mock).mock.calls);
    const logger = mockServices.logger.mock();
    const ctx = {
      ...context(
        { entityRef: base.entityRef, environmentName: 'prov-ns', resource: { type: 'kubernetes-namespace', name: 'app' } },
        { logger },
      ),
      isDryRun: true,
      logger,
    };
    await createPavedResourceProvisionAction(env.options).handler(ctx);

    const namespace = 'checkout-api-prov-ns-app';
    const log = (logger.info as jest.Mock).mock.calls.map(([m]) => m).join('\n');
    expect(log).toContain('Would add the kubernetes-namespace app to prov-ns');
    expect(log).toContain(`in clusters/local/namespaces/${namespace}/: kustomization.yaml (added),`);
    expect(log).toContain(`+++ b/clusters/local/namespaces/${namespace}/namespace.yaml`);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.changes).toEqual([
      expect.objectContaining({ resource: 'app', path: `clusters/local/namespaces/${namespace}/` }),
    ]);
    const response = await fetch(`${await env.options.discovery.getBaseUrl()}/environments/${environmentId}`);
    expect((await response.json()).resources).toEqual([]);
    });
  });

  describe('paved:environment:plan', () => {
    // The catalog the scaffolder module is given: checkout-api exists, new-svc does not.
    const withCatalog = () => ({
      ...env.options,
      catalog: catalogServiceMock({ entities: [checkoutApi] }),
    });

    it('plans an environment for an entity about to be registered, creating nothing', async () => {
      const ctx = context({
        ...base,
        class: 'development',
        name: 'plan-1',
        entityRef: 'component:default/new-svc',
        newEntity: true,
        resources: [{ type: 'postgres-database', name: 'main' }],
      });
      await createPavedEnvironmentPlanAction(withCatalog()).handler(ctx);
      expect(Object.fromEntries((ctx.output as jest.Mock).mock.calls)).toEqual({
        estimatedMonthlyCost: { amount: 8, currency: 'USD' },
        warnings: [],
        changes: [],
      });
      expect(await databasesLike('plan_1_%')).toEqual([]);
    });

    it.each([
      [{ class: 'gold' }, /class: there is no class named "gold"/],
      [{ owner: 'user:default/mock' }, /owner: must be a group entity ref/],
      [{ entityRef: 'component:default/checkout-api', newEntity: true }, /entityRef: component:default\/checkout-api is already in the catalog; choose another name/],
    ])('fails the step with the reason for %j', async (change, message) => {
      const ctx = context({ ...base, class: 'development', name: 'plan-bad', resources: [], ...change });
      await expect(createPavedEnvironmentPlanAction(withCatalog()).handler(ctx)).rejects.toThrow(message);
    });

    it.each(planExamples.map(e => [e.description, e] as const))('runs the example: %s', async (_, example) => {
      const [step] = yaml.parse(
        example.example
          .replace(/\$\{\{ parameters\.owner \}\}/g, 'group:default/checkout-team')
          .replace(/\$\{\{ parameters\.name \}\}/g, 'example-svc'),
      ).steps;
      const ctx = context(step.input);
      await createPavedEnvironmentPlanAction(withCatalog()).handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('warnings', []);
    });
  });
});
