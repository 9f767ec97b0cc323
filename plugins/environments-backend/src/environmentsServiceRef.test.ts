import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  EnvironmentsService,
  environmentsServiceRef,
} from '@paved/plugin-environments-node';
import { startWithProviderDouble } from './__testUtils__/startWithProviderDouble';

const classes = [
  {
    name: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    ttl: { default: '24h', max: '7d' },
    resources: { double: { target: 'local' } },
  },
];

/** Another plugin of the portal, that gets the environments service by its ref. */
function consumerPlugin(got: { service?: EnvironmentsService }) {
  return createBackendPlugin({
    pluginId: 'consumer',
    register(env) {
      env.registerInit({
        deps: { environments: environmentsServiceRef },
        async init({ environments }) {
          got.service = environments;
        },
      });
    },
  });
}

describe('environmentsServiceRef', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('lets another plugin create and read environments as the user it acts for', async () => {
    const got: { service?: EnvironmentsService } = {};
    await startWithProviderDouble({
      knex: await databases.init('SQLITE_3'),
      classes,
      features: [consumerPlugin(got)],
    });
    const alice = mockCredentials.user('user:default/alice');
    const api = await got.service!.forCaller(alice);

    const created = await api.createEnvironment({
      name: 'pr-7',
      class: 'preview',
      owner: 'group:default/checkout-team',
      entityRef: 'component:default/checkout-api',
      resources: [{ type: 'double', name: 'main', spec: {} }],
    });
    expect(created.environment.createdBy).toBe('user:default/alice');
    expect(created.operation.requestedBy).toBe('user:default/alice');

    const listed = await api.listEnvironments({
      entityRef: 'component:default/checkout-api',
    });
    expect(listed.items.map(e => e.name)).toEqual(['pr-7']);
  });

  it('passes the environments backend refusal on, naming the field', async () => {
    const got: { service?: EnvironmentsService } = {};
    await startWithProviderDouble({
      knex: await databases.init('SQLITE_3'),
      classes,
      features: [consumerPlugin(got)],
    });
    const api = await got.service!.forCaller(mockCredentials.user());
    await expect(
      api.createEnvironment({
        name: 'pr-8',
        class: 'nightly',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [],
      }),
    ).rejects.toThrow(/class: there is no class named "nightly"/);
  });
});
