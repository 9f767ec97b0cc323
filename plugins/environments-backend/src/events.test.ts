import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import {
  EnvironmentChangedEvent,
  ENVIRONMENTS_EVENTS_TOPIC,
} from '@paved/plugin-environments-common';
import {
  ObserveRequest,
  ResourceObservation,
} from '@paved/plugin-environments-node';
import request from 'supertest';
import { ProviderDouble } from './__testUtils__/ProviderDouble';
import { startWithProviderDouble } from './__testUtils__/startWithProviderDouble';

/*
 * What reaches the events service when an environment changes without an operation the
 * engine claims: the reconciler's status switches, and extending. The real plugin, the
 * real events service, and a subscriber as the catalog module is one.
 */

const RECONCILER_TASK = 'environments-reconciler';

/** Observes every resource as there, or (missing) as gone. */
class ObservingDouble extends ProviderDouble {
  missing = false;

  async observe(
    observeRequest: ObserveRequest,
  ): Promise<ResourceObservation[]> {
    return observeRequest.resources.map(r => ({
      resourceId: r.resource.id,
      exists: !this.missing,
      observed: {},
    }));
  }
}

const classes = [
  {
    name: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    ttl: { default: '24h', max: '7d' },
    baseline: 'preview',
    resources: { double: { target: 'local' } },
  },
];
const baselines = {
  preview: {
    rules: [
      {
        id: 'resource.exists',
        severity: 'high',
        message: 'The resource must exist',
        link: '/docs/default/component/platform-guidelines/baselines/#resource.exists',
      },
    ],
  },
};

/** Retries the check until it passes; events are published after the change returns. */
async function eventually<T>(check: () => T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return check();
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
}

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('environment change events on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  async function start() {
    const published: EnvironmentChangedEvent[] = [];
    const scheduler = mockServices.scheduler();
    const provider = new ObservingDouble();
    const { server } = await startWithProviderDouble({
      knex: await databases.init(databaseId),
      classes,
      baselines,
      provider,
      config: { events: { useEventBus: 'never' } },
      features: [
        eventsServiceFactory,
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        createBackendModule({
          pluginId: 'environments',
          moduleId: 'test-subscriber',
          register(reg) {
            reg.registerInit({
              deps: { events: eventsServiceRef },
              async init({ events }) {
                await events.subscribe({
                  id: 'test-subscriber',
                  topics: [ENVIRONMENTS_EVENTS_TOPIC],
                  onEvent: async ({ eventPayload }) =>
                    void published.push(
                      eventPayload as EnvironmentChangedEvent,
                    ),
                });
              },
            });
          },
        }),
      ],
    });
    const api = request(server);
    const created = await api
      .post('/api/environments/environments')
      .send({
        name: 'pr-7',
        class: 'preview',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [{ type: 'double', name: 'main', spec: {} }],
      })
      .expect(202);
    const id: string = created.body.environment.id;
    // Ready, and its create operation told: nothing else is still on its way.
    await eventually(() =>
      expect(published).toContainEqual(
        expect.objectContaining({
          environmentId: id,
          status: 'ready',
          operation: expect.objectContaining({
            type: 'create',
            state: 'succeeded',
          }),
        }),
      ),
    );
    const since = () => published.splice(0);
    since();
    return { api, id, provider, scheduler, since };
  }

  it('publishes the reconciler turning an environment degraded and ready again, without an operation', async () => {
    const { api, id, provider, scheduler, since } = await start();

    provider.missing = true;
    await scheduler.triggerTask(RECONCILER_TASK);
    const degraded = await api
      .get(`/api/environments/environments/${id}`)
      .expect(200);
    expect(degraded.body.status).toBe('degraded');
    const [event] = await eventually(() => {
      const events = since();
      expect(events).toHaveLength(1);
      return events;
    });
    expect(event).toEqual({
      environmentId: id,
      entityRef: 'component:default/checkout-api',
      name: 'pr-7',
      status: 'degraded',
      expiresAt: degraded.body.expiresAt,
    });

    // A pass that changes nothing says nothing.
    await scheduler.triggerTask(RECONCILER_TASK);
    provider.missing = false;
    await scheduler.triggerTask(RECONCILER_TASK);
    const back = await eventually(() => {
      const events = since();
      expect(events).toHaveLength(1);
      return events[0];
    });
    expect(back).toMatchObject({ environmentId: id, status: 'ready' });
    expect(back.operation).toBeUndefined();
  });

  it('publishes the new expiry of an extended environment, with its extend operation', async () => {
    const { api, id, since } = await start();

    const extended = await api
      .post(`/api/environments/environments/${id}/extend`)
      .send({ ttl: '3d' })
      .expect(200);
    const event = await eventually(() => {
      const events = since();
      expect(events).toHaveLength(1);
      return events[0];
    });
    expect(event).toEqual({
      environmentId: id,
      entityRef: 'component:default/checkout-api',
      name: 'pr-7',
      status: 'ready',
      expiresAt: extended.body.environment.expiresAt,
      operation: {
        id: extended.body.operation.id,
        type: 'extend',
        state: 'succeeded',
      },
    });
    expect(Date.parse(event.expiresAt!) - Date.now()).toBeGreaterThan(
      2.9 * 86_400_000,
    );
  });
});
