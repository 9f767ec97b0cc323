import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import {
  ApplyRequest,
  BaselineRuleDefinition,
  createBaselineRule,
  environmentsProvidersExtensionPoint,
  ObserveRequest,
  ResourceObservation,
  ResourceProvider,
} from '@paved/plugin-environments-node';
import path from 'node:path';
import request from 'supertest';
import { z } from 'zod';
import { environmentsPlugin } from './plugin';
import { ProviderRegistry } from './providers/ProviderRegistry';
import { checkoutApi } from './__testUtils__/startWithProviderDouble';

/*
 * A provider module the backend has never heard of adds a resource type, `test-bucket`,
 * with two baseline rules of its own: one drift from which its apply puts right, one it
 * does not. Nothing in the backend names them; config, requests, the reconciler and the
 * guideline pages pick them up from the module.
 */

const RECONCILER_TASK = 'environments-reconciler';
const LINK = '/docs/default/component/platform-guidelines/baselines/sandbox/#';

const versioning = createBaselineRule({
  id: 'bucket.versioning',
  resourceType: 'test-bucket',
  params: z.object({}).strict(),
  checkSpec: (_, spec) =>
    spec.versioning === true
      ? []
      : [{ field: 'versioning', expected: 'on', observed: 'off' }],
  checkObservation: (_, _desired, { observed }) =>
    observed.versioning === true
      ? []
      : [{ field: 'versioning', expected: 'on', observed: 'off' }],
  // Apply switches versioning on again.
  restorable: true,
  description: {
    group: 'Test bucket rules',
    checks: 'A bucket keeps every version of its objects.',
    today: 'Buckets are created with versioning on.',
    expected: () => 'Versioning switched on.',
  },
});

const publicAccess = createBaselineRule({
  id: 'bucket.public-access',
  resourceType: 'test-bucket',
  params: z.object({ readers: z.array(z.string()).default([]) }).strict(),
  checkObservation: ({ readers }, _desired, { observed }) => {
    const extra = ((observed.readers ?? []) as string[]).filter(
      r => !readers.includes(r),
    );
    return extra.length
      ? [
          {
            field: 'readers',
            expected: readers.join(', ') || 'none',
            observed: extra.join(', '),
          },
        ]
      : [];
  },
  // Apply never changes who may read a bucket: someone who granted it has to take it back.
  restorable: false,
  description: {
    group: 'Test bucket rules',
    checks: 'Who besides the owner may read a bucket.',
    today: 'Buckets are created readable by their owner only.',
    expected: ({ readers }) =>
      readers.length
        ? `Readable by ${readers.join(', ')} only.`
        : 'Readable by its owner only.',
  },
});

/** Buckets held in memory; `drift` is what observe reports of a bucket instead of its spec. */
class TestBucketProvider implements ResourceProvider {
  readonly applied: ApplyRequest[] = [];
  readonly drift = new Map<string, JsonObject>();

  constructor(
    readonly resourceType = 'test-bucket',
    readonly providerId = 'test-buckets',
    readonly baselineRules: BaselineRuleDefinition[] = [
      versioning,
      publicAccess,
    ],
  ) {}

  getTargets() {
    return ['local'];
  }

  validateSpec(spec: unknown): JsonObject {
    const value = (spec ?? {}) as JsonObject;
    if (
      value.versioning !== undefined &&
      typeof value.versioning !== 'boolean'
    ) {
      throw new InputError('spec.versioning: must be true or false');
    }
    return { versioning: true, ...value };
  }

  async apply(applyRequest: ApplyRequest) {
    this.applied.push(applyRequest);
    return { outputs: { bucket: applyRequest.resource.id } };
  }

  async destroy() {}

  async observe(
    observeRequest: ObserveRequest,
  ): Promise<ResourceObservation[]> {
    return observeRequest.resources.map(({ resource, spec }) => ({
      resourceId: resource.id,
      exists: true,
      observed: { ...spec, readers: [], ...this.drift.get(resource.id) },
    }));
  }

  connectionString(outputs: Record<string, unknown>) {
    return `bucket://${outputs.bucket}`;
  }
}

function providerModule(moduleId: string, provider: ResourceProvider) {
  return createBackendModule({
    pluginId: 'environments',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { providers: environmentsProvidersExtensionPoint },
        async init({ providers }) {
          providers.addProvider(provider);
        },
      });
    },
  });
}

const sandbox = {
  name: 'sandbox',
  tier: 'development',
  lifecycle: 'static',
  baseline: 'sandbox',
  drift: 'restore',
  resources: { 'test-bucket': { target: 'local' } },
};
const rule = (id: string, severity: string) => ({
  id,
  severity,
  message: `Breaks ${id}`,
  link: `${LINK}${id}`,
});
const baselines = {
  sandbox: {
    rules: [
      rule('bucket.versioning', 'blocking'),
      rule('bucket.public-access', 'high'),
    ],
  },
};

/** Retries the check until it passes: provisioning runs after the request returns. */
async function eventually<T>(check: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
}

describe('a provider module with baseline rules of its own', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start(
    features: Parameters<typeof startTestBackend>[0]['features'] = [],
  ) {
    return startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              classes: [sandbox],
              baselines,
              secrets: { key: Buffer.alloc(32, 5).toString('base64') },
            },
          },
        }),
        catalogServiceMock.factory({ entities: [checkoutApi] }),
        ...features,
      ],
    });
  }

  it('refuses a request breaking its blocking rule, finds drift, and restores only what apply puts right', async () => {
    const provider = new TestBucketProvider();
    const scheduler = mockServices.scheduler();
    const backend = await start([
      providerModule('test-buckets', provider),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
    ]);
    const api = request(backend.server);
    const create = (name: string, spec: object) =>
      api.post('/api/environments/environments').send({
        name,
        class: 'sandbox',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [{ type: 'test-bucket', name: 'assets', spec }],
      });

    try {
      const refused = await create('unversioned', { versioning: false });
      expect(refused.status).toBe(400);
      // Naming the field and the rule, with its guideline section.
      expect(refused.body.error.message).toContain(
        'resources[0].spec.versioning: ',
      );
      expect(refused.body.error.message).toContain(
        `[bucket.versioning, blocking, see ${LINK}bucket.versioning]`,
      );

      const ready = async (name: string) => {
        const created = await create(name, {}).expect(202);
        const id: string = created.body.environment.id;
        return eventually(async () => {
          const { body } = await api
            .get(`/api/environments/environments/${id}`)
            .expect(200);
          expect(body.status).toBe('ready');
          return { id, resourceId: body.resources[0].id as string };
        });
      };
      const unversioned = await ready('drifts-versioning');
      const shared = await ready('drifts-readers');
      provider.drift.set(unversioned.resourceId, { versioning: false });
      provider.drift.set(shared.resourceId, {
        readers: ['group:default/everyone'],
      });

      await scheduler.triggerTask(RECONCILER_TASK);

      const findings = async (id: string) =>
        (
          await api
            .get(`/api/environments/environments/${id}/findings`)
            .expect(200)
        ).body.items.map((f: any) => [
          f.rule,
          f.severity,
          f.expected,
          f.observed,
        ]);
      expect(await findings(unversioned.id)).toEqual([
        ['bucket.versioning', 'blocking', 'on', 'off'],
      ]);
      expect(await findings(shared.id)).toEqual([
        ['bucket.public-access', 'high', 'none', 'group:default/everyone'],
      ]);

      const operations = async (id: string) =>
        (
          await api
            .get(`/api/environments/environments/${id}/operations`)
            .expect(200)
        ).body.items.map((o: any) => o.type);
      // Newest first: the restore re-applies the drifted bucket.
      expect(await operations(unversioned.id)).toEqual(['update', 'create']);
      expect(await operations(shared.id)).toEqual(['create']);
      await eventually(async () =>
        expect(provider.applied.map(a => a.resource.id)).toContain(
          unversioned.resourceId,
        ),
      );
      expect(
        provider.applied.filter(a => a.resource.id === shared.resourceId),
      ).toHaveLength(1);
    } finally {
      await backend.stop();
    }
  });

  it('stops the backend when two providers register one rule id', async () => {
    const other = new TestBucketProvider('other-bucket', 'other-buckets', [
      { ...versioning, resourceType: 'other-bucket' },
    ]);
    await expect(
      start([
        providerModule('test-buckets', new TestBucketProvider()),
        providerModule('other-buckets', other),
      ]),
    ).rejects.toThrow(
      'Baseline rule "bucket.versioning" is registered twice: by the test-buckets provider and by the other-buckets provider',
    );
  });

  it('documents its rules on the guideline pages', () => {
    const providers = new ProviderRegistry();
    providers.add(new TestBucketProvider());
    // The generator of docs/baselines, given the registered rules instead of the portal's.
    const { generate } = require(path.resolve(
      __dirname,
      '../../../scripts/baseline-docs',
    )) as {
      generate(config: object, rules: unknown[]): Map<string, string>;
    };
    const pages = generate(
      { currency: 'USD', classes: [sandbox], baselines },
      providers.baselineRules().list(),
    );

    const page = pages.get(path.join('docs', 'baselines', 'sandbox.md'))!;
    expect(page).toContain(
      '| [bucket.versioning](#bucket.versioning) | blocking | Versioning switched on. | restored |',
    );
    expect(page).toContain(
      '| [bucket.public-access](#bucket.public-access) | high | Readable by its owner only. | reported |',
    );
    expect(page).toContain(
      'Drift\n:   **Reported**: this class restores drift, but not of this rule.',
    );
    const general = pages.get(path.join('docs', 'baselines', 'index.md'))!;
    expect(general).toContain(
      '## Test bucket rules\n\n### bucket.versioning {#bucket.versioning}\n\nChecks\n:   A bucket keeps every version of its objects.\n\nToday\n:   Buckets are created with versioning on.\n',
    );
    expect(pages.get(path.join('docs', 'link-targets.md'))).toContain(
      '| [Baselines](baselines/index.md) | [`#bucket.versioning`](baselines/index.md#bucket.versioning), [`#bucket.public-access`](baselines/index.md#bucket.public-access), [`#resource.exists`](baselines/index.md#resource.exists) |',
    );
  });
});
