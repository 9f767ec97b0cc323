import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { createTestEnvironments } from '../__testUtils__/createTestEnvironments';

const classes = [
  {
    name: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    ttl: { default: '1d', max: '7d' },
    resources: { double: { target: 'local' } },
  },
];

describe('EnvironmentsService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('audits every write and every secret reveal, refused ones included', async () => {
    const { environments, engine, provider, audit } = await createTestEnvironments({
      knex: await databases.init('SQLITE_3'),
      classes,
    });
    const credentials = mockCredentials.user();
    let release!: () => void;
    provider.gate = new Promise(resolve => (release = resolve));

    const { environment } = (await environments.create(
      {
        name: 'pr-1',
        class: 'preview',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        resources: [{ type: 'double', name: 'main', spec: {} }],
      },
      { credentials },
    )) as any;
    const resourceId = environment.resources[0].id;

    // Not ready yet: the reveal is refused, and that is audited too.
    await expect(environments.revealSecret(resourceId, credentials)).rejects.toThrow(
      /main is pending; its connection details exist once it is ready/,
    );
    const running = engine.runOnce();
    release();
    await running;

    await environments.revealSecret(resourceId, credentials);
    await environments.extend(environment.id, '2d', credentials);
    await environments.destroy(environment.id, undefined, credentials);

    expect(audit.map(a => `${a.eventId}:${a.outcome}`)).toEqual([
      'environment-create:success',
      'resource-secret-read:fail',
      'resource-secret-read:success',
      'environment-extend:success',
      'environment-destroy:success',
    ]);
    // The audit trail says what, never the secret itself.
    expect(JSON.stringify(audit)).not.toContain(`secret-for-${resourceId}`);
  });
});
