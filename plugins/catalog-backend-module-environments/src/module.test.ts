import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin, {
  CATALOG_ERRORS_TOPIC,
} from '@backstage/plugin-catalog-backend';
import {
  EventParams,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import { JsonObject } from '@backstage/types';
// The real environments backend, not a double: the catalog reads what it serves.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import environmentsPlugin from '@paved/plugin-environments-backend';
import postgresModule, {
  physicalNames,
} from '@paved/plugin-environments-backend-module-postgres';
import {
  createTestProvisioningRole,
  queryAsTestAdmin,
} from '@paved/plugin-environments-backend-module-postgres/testUtils';
import request from 'supertest';
import yaml from 'yaml';
import catalogModule from '.';

/*
 * The module in a real catalog, next to the real environments backend provisioning on the
 * test run's PostgreSQL server, the real events service between them, and the catalog
 * search collator; on SQLite and on PostgreSQL. Only the scheduler is the test's, so the
 * full read runs when the test says.
 */

const REFRESH_TASK = 'paved-environments:refresh';
const RECONCILER_TASK = 'environments-reconciler';

const org = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout-team' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/checkout-team',
    },
  },
  {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Environment',
    metadata: {
      name: 'checkout-api-legacy-qa',
      title: 'legacy-qa (checkout-api)',
      description: 'The QA environment on the old VM cluster',
      links: [
        { url: 'https://legacy-qa.checkout.example.com', title: 'legacy-qa' },
      ],
    },
    spec: {
      environmentOf: 'component:default/checkout-api',
      owner: 'group:default/checkout-team',
      tier: 'staging',
      lifecycle: 'static',
    },
  },
];

const broken = [
  { name: 'broken-class', spec: { class: 'qa' } },
  { name: 'broken-owner', spec: { owner: 'Checkout Team!' } },
  { name: 'broken-version', apiVersion: 'paved.dev/v1' },
].map(({ name, spec, apiVersion }) => ({
  apiVersion: apiVersion ?? 'paved.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name },
  spec: {
    environmentOf: 'component:default/checkout-api',
    owner: 'group:default/checkout-team',
    tier: 'staging',
    ...spec,
  },
}));

/** Retries the check until it passes; the catalog processes and stitches in the background. */
async function eventually<T>(check: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 400) throw error;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('Paved environments in the catalog, on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });
  const dir = createMockDirectory();
  const scheduler = mockServices.scheduler();
  const catalogErrors: EventParams[] = [];
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    dir.setContent({
      'catalog-info.yaml': org.map(e => yaml.stringify(e)).join('---\n'),
      'broken.yaml': broken.map(e => yaml.stringify(e)).join('---\n'),
    });
    const role = await createTestProvisioningRole();
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModule,
        environmentsPlugin,
        postgresModule,
        searchPlugin,
        searchModuleCatalog,
        // The catalog's processing errors, as the logs module would see them.
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'test-errors',
          register(reg) {
            reg.registerInit({
              deps: { events: eventsServiceRef },
              async init({ events }) {
                await events.subscribe({
                  id: 'test-errors',
                  topics: [CATALOG_ERRORS_TOPIC],
                  onEvent: async event => void catalogErrors.push(event),
                });
              },
            });
          },
        }),
        // One database per plugin, as in a real installation.
        createServiceFactory({
          service: coreServices.database,
          deps: {},
          async factory() {
            return mockServices.database({
              knex: await databases.init(databaseId),
              migrations: { skip: false },
            });
          },
        }),
        eventsServiceFactory,
        // Scheduled tasks run only when the test triggers them.
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        mockServices.rootConfig.factory({
          data: {
            events: { useEventBus: 'never' },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'Group',
                    'User',
                    'Resource',
                    'Location',
                    'Environment',
                  ],
                },
              ],
              locations: [
                { type: 'file', target: dir.resolve('catalog-info.yaml') },
                { type: 'file', target: dir.resolve('broken.yaml') },
              ],
            },
            environments: {
              secrets: { key: Buffer.alloc(32, 7).toString('base64') },
              classes: [
                {
                  name: 'preview',
                  tier: 'preview',
                  lifecycle: 'ephemeral',
                  ttl: { default: '24h', max: '7d' },
                  baseline: 'preview',
                  resources: {
                    'postgres-database': { target: 'shared', monthlyCost: 4 },
                  },
                },
                { name: 'staging', tier: 'staging', lifecycle: 'static' },
              ],
              baselines: {
                preview: {
                  rules: [
                    {
                      id: 'resource.exists',
                      severity: 'high',
                      message: 'Every resource of the environment exists',
                      link: '/docs/default/component/platform-guidelines/baselines/#resource.exists',
                    },
                  ],
                },
              },
              providers: {
                postgres: {
                  targets: { shared: { ...role.connection } as JsonObject },
                },
              },
            },
          },
        }),
      ],
    });
    api = request(backend.server);
    // Environments may only be created for an entity the catalog has.
    await eventually(() => entity('component', 'checkout-api'));
  });

  async function entity(kind: string, name: string): Promise<Entity> {
    const res = await api.get(
      `/api/catalog/entities/by-name/${kind}/default/${name}`,
    );
    expect(res.status).toBe(200);
    return res.body;
  }

  async function absent(kind: string, name: string): Promise<void> {
    const res = await api.get(
      `/api/catalog/entities/by-name/${kind}/default/${name}`,
    );
    expect(res.status).toBe(404);
  }

  const relations = (e: Entity) =>
    e.relations!.map(r => `${r.type} ${r.targetRef}`).sort();

  async function createEnvironment(name: string) {
    const res = await api.post('/api/environments/environments').send({
      name,
      class: 'preview',
      owner: 'group:default/checkout-team',
      entityRef: 'component:default/checkout-api',
      ttl: '4h',
      resources: [{ type: 'postgres-database', name: 'main', spec: {} }],
    });
    expect(res.status).toBe(202);
    return res.body.environment as {
      id: string;
      expiresAt: string;
      resources: Array<{ id: string }>;
    };
  }

  it('shows a hand-declared environment through the catalog API, marked declared, with its links and relations', async () => {
    const legacy = await eventually(() =>
      entity('environment', 'checkout-api-legacy-qa'),
    );
    expect(legacy.metadata.annotations).toMatchObject({
      'paved.dev/source': 'declared',
    });
    expect(legacy.metadata.links).toEqual([
      { url: 'https://legacy-qa.checkout.example.com', title: 'legacy-qa' },
    ]);
    expect(relations(legacy)).toEqual([
      'environmentOf component:default/checkout-api',
      'ownedBy group:default/checkout-team',
    ]);
    const component = await eventually(async () => {
      const e = await entity('component', 'checkout-api');
      expect(relations(e)).toContain(
        'hasEnvironment environment:default/checkout-api-legacy-qa',
      );
      return e;
    });
    expect(component.kind).toBe('Component');
  });

  it('refuses bad environments with errors that name the field, reported with their location', async () => {
    const location = `file:${dir.resolve('broken.yaml')}`;
    const reported = await eventually(async () => {
      const byEntity = Object.fromEntries(
        catalogErrors.map(e => {
          const payload = e.eventPayload as {
            entity: string;
            location: string;
            errors: Error[];
          };
          return [
            payload.entity,
            {
              location: payload.location,
              messages: payload.errors.map(x => x.message),
            },
          ];
        }),
      );
      expect(Object.keys(byEntity)).toEqual(
        expect.arrayContaining(
          broken.map(b => `environment:default/${b.metadata.name}`),
        ),
      );
      return byEntity;
    });
    expect(reported['environment:default/broken-class']).toEqual({
      location,
      messages: [
        'spec.class: there is no environment class named "qa"; the classes are preview, staging (environments.classes)',
      ],
    });
    expect(reported['environment:default/broken-owner']).toEqual({
      location,
      messages: [
        'spec.owner: "Checkout Team!" is not a group or user entity ref such as group:default/checkout-team',
      ],
    });
    expect(reported['environment:default/broken-version']).toEqual({
      location,
      messages: [
        'apiVersion: an Environment must be paved.dev/v1alpha1, not "paved.dev/v1"',
      ],
    });
    for (const { metadata } of broken)
      await absent('environment', metadata.name);

    // The same answer before registering anything, from the validation endpoint.
    const validation = await api.post('/api/catalog/validate-entity').send({
      location: 'url:https://git.example.com/checkout-api/catalog-info.yaml',
      entity: broken[0],
    });
    expect(validation.status).toBe(400);
    expect(validation.body.errors.map((e: Error) => e.message)).toEqual([
      'spec.class: there is no environment class named "qa"; the classes are preview, staging (environments.classes)',
    ]);
  });

  it('publishes a new environment and its resources from the events alone, then its status as it changes', async () => {
    const created = await createEnvironment('pr-1');

    // No full read has run: only the events of the operation got it here.
    const environment = await eventually(async () => {
      const e = await entity('environment', 'checkout-api-pr-1');
      expect(e.spec?.status).toBe('ready');
      return e;
    });
    expect(environment).toMatchObject({
      apiVersion: 'paved.dev/v1alpha1',
      metadata: {
        title: 'pr-1 (checkout-api)',
        annotations: {
          'paved.dev/source': 'paved',
          'paved.dev/environment-id': created.id,
          'backstage.io/managed-by-location': `paved-environments:${created.id}`,
        },
      },
      spec: {
        environmentOf: 'component:default/checkout-api',
        owner: 'group:default/checkout-team',
        class: 'preview',
        tier: 'preview',
        lifecycle: 'ephemeral',
        status: 'ready',
        expiresAt: created.expiresAt,
        estimatedMonthlyCost: { amount: 4, currency: 'USD' },
      },
    });
    expect(relations(environment)).toEqual([
      'dependsOn resource:default/checkout-api-pr-1-main',
      'environmentOf component:default/checkout-api',
      'ownedBy group:default/checkout-team',
    ]);

    // Stitched on its own: it may trail the environment by a processing pass.
    const resource = await eventually(() =>
      entity('resource', 'checkout-api-pr-1-main'),
    );
    expect(resource).toMatchObject({
      metadata: {
        title: 'main (checkout-api/pr-1)',
        annotations: {
          'backstage.io/managed-by-location': `paved-environments:${created.id}`,
          'paved.dev/resource-id': created.resources[0].id,
        },
      },
      spec: { type: 'postgres-database', owner: 'group:default/checkout-team' },
    });
    expect(relations(resource)).toEqual([
      'dependencyOf environment:default/checkout-api-pr-1',
      'ownedBy group:default/checkout-team',
    ]);
    await eventually(async () => {
      expect(relations(await entity('component', 'checkout-api'))).toContain(
        'hasEnvironment environment:default/checkout-api-pr-1',
      );
    });
  });

  it('takes a destroyed environment out of the catalog with its resources, leaving nothing behind', async () => {
    const created = await createEnvironment('pr-2');
    await eventually(() => entity('resource', 'checkout-api-pr-2-main'));

    const destroyed = await api.delete(
      `/api/environments/environments/${created.id}`,
    );
    expect(destroyed.status).toBe(202);
    await eventually(async () => {
      await absent('environment', 'checkout-api-pr-2');
      await absent('resource', 'checkout-api-pr-2-main');
    });
    const left = await api.get('/api/catalog/entities/by-query').query({
      filter: `metadata.annotations.backstage.io/managed-by-location=paved-environments:${created.id}`,
    });
    expect(left.body.totalItems).toBe(0);
    await eventually(async () => {
      expect(
        relations(await entity('component', 'checkout-api')),
      ).not.toContain('hasEnvironment environment:default/checkout-api-pr-2');
    });
  });

  it('replaces what it published with every live environment on its scheduled full read', async () => {
    const created = await createEnvironment('pr-3');
    // Ready: its operation is over, so no event about it is still on its way.
    const published = await eventually(async () => {
      const e = await entity('environment', 'checkout-api-pr-3');
      expect(e.spec?.status).toBe('ready');
      return e;
    });

    // Gone from the catalog behind the provider's back; no event will bring it back.
    const deleted = await api.delete(
      `/api/catalog/entities/by-uid/${published.metadata.uid}`,
    );
    expect(deleted.status).toBe(204);
    await absent('environment', 'checkout-api-pr-3');

    await scheduler.triggerTask(REFRESH_TASK);
    const back = await eventually(() =>
      entity('environment', 'checkout-api-pr-3'),
    );
    expect(back.metadata.annotations?.['paved.dev/environment-id']).toBe(
      created.id,
    );

    // Exactly the live environments, each with its resource, and the declared one.
    const live = await api.get('/api/environments/environments');
    const inCatalog = await eventually(async () => {
      const res = await api.get('/api/catalog/entities/by-query').query({
        filter: 'kind=environment',
        fields: 'metadata.name,metadata.annotations',
      });
      expect(res.body.items).toHaveLength(live.body.totalItems + 1);
      return res.body.items as Entity[];
    });
    expect(inCatalog.map(e => e.metadata.name).sort()).toEqual(
      [
        'checkout-api-legacy-qa',
        ...live.body.items.map(
          (e: { name: string }) => `checkout-api-${e.name}`,
        ),
      ].sort(),
    );
    const resources = await api
      .get('/api/catalog/entities/by-query')
      .query({ filter: 'kind=resource', fields: 'metadata.name' });
    expect(
      resources.body.items.map((e: Entity) => e.metadata.name).sort(),
    ).toEqual(
      live.body.items
        .map((e: { name: string }) => `checkout-api-${e.name}-main`)
        .sort(),
    );
  });

  it('shows an environment turning degraded, and its new expiry, from events alone', async () => {
    const created = await createEnvironment('pr-5');
    await eventually(async () => {
      expect(
        (await entity('environment', 'checkout-api-pr-5')).spec?.status,
      ).toBe('ready');
    });

    // Its database dropped behind the provider's back; the reconciler's next pass sees it.
    // The full read is not triggered here: only the events bring the changes.
    const { database } = physicalNames({
      id: created.resources[0].id,
      name: 'main',
      environmentName: 'pr-5',
      entityRef: 'component:default/checkout-api',
    });
    await queryAsTestAdmin(`DROP DATABASE "${database}" WITH (FORCE)`);
    await scheduler.triggerTask(RECONCILER_TASK);
    const degraded = await eventually(async () => {
      const e = await entity('environment', 'checkout-api-pr-5');
      expect(e.spec?.status).toBe('degraded');
      return e;
    });
    expect(degraded.spec).toMatchObject({
      statusReason: 'Baseline: 1 finding (resource.exists)',
      expiresAt: created.expiresAt,
    });

    const extended = await api
      .post(`/api/environments/environments/${created.id}/extend`)
      .send({ ttl: '3d' });
    expect(extended.status).toBe(200);
    const expiresAt: string = extended.body.environment.expiresAt;
    expect(Date.parse(expiresAt)).toBeGreaterThan(
      Date.parse(created.expiresAt),
    );
    await eventually(async () => {
      const e = await entity('environment', 'checkout-api-pr-5');
      expect(e.spec).toMatchObject({ status: 'degraded', expiresAt });
    });
  });

  it('lets search find environments by name', async () => {
    await createEnvironment('pr-4');
    await eventually(() => entity('environment', 'checkout-api-pr-4'));
    await scheduler.triggerTask('search_index_software_catalog');

    for (const [term, title] of [
      ['legacy-qa', 'legacy-qa (checkout-api)'],
      ['pr-4', 'pr-4 (checkout-api)'],
    ]) {
      const res = await api
        .get('/api/search/query')
        .query({ term, types: ['software-catalog'] });
      expect(res.status).toBe(200);
      expect(
        res.body.results.map((r: any) => [r.document.kind, r.document.title]),
      ).toContainEqual(['Environment', title]);
    }
  });
});
