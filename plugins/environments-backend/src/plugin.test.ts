import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startWithProviderDouble } from './__testUtils__/startWithProviderDouble';

const classes = [
  {
    name: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    ttl: { default: '24h', max: '7d' },
    maxEnvironmentsPerOwner: 3,
    resources: { double: { target: 'local', monthlyCost: 4.5 } },
  },
  {
    name: 'staging',
    tier: 'staging',
    lifecycle: 'static',
    baseMonthlyCost: 10,
    resources: { double: { target: 'local', monthlyCost: 20 } },
  },
  {
    name: 'production',
    tier: 'production',
    lifecycle: 'static',
    resources: { double: { target: 'local' } },
  },
];

const validRequest = {
  name: 'pr-42',
  class: 'preview',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  ttl: '4h',
  resources: [{ type: 'double', name: 'main', spec: { size: 2 } }],
};

describe.each(TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId())(
  'environments API on %s',
  databaseId => {
    const databases = TestDatabases.create({ ids: [databaseId] });

    async function start() {
      const { server, provider } = await startWithProviderDouble({
        knex: await databases.init(databaseId),
        classes,
      });
      return { api: request(server), provider };
    }

    async function waitFor(
      api: ReturnType<typeof request>,
      id: string,
      status: string,
    ) {
      for (let i = 0; i < 100; i++) {
        const res = await api.get(`/api/environments/environments/${id}`);
        if (res.body.status === status) return res.body;
        await new Promise(r => setTimeout(r, 50));
      }
      throw new Error(`environment ${id} never became ${status}`);
    }

    it('creates an environment, provisions its resources and reveals the secret', async () => {
      const { api, provider } = await start();

      const created = await api
        .post('/api/environments/environments')
        .send(validRequest)
        .expect(202);
      expect(created.body.operation).toMatchObject({ type: 'create', state: 'queued' });
      expect(created.body.environment).toMatchObject({
        name: 'pr-42',
        class: 'preview',
        tier: 'preview',
        status: 'provisioning',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        createdBy: 'user:default/mock',
        estimatedMonthlyCost: { amount: 4.5, currency: 'USD' },
        resources: [{ type: 'double', name: 'main', status: 'pending', spec: { size: 2 } }],
      });
      const expiresIn = Date.parse(created.body.environment.expiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(3.9 * 3600_000);
      expect(expiresIn).toBeLessThanOrEqual(4 * 3600_000);

      const ready = await waitFor(api, created.body.environment.id, 'ready');
      const [resource] = ready.resources;
      expect(resource).toMatchObject({
        status: 'ready',
        outputs: { host: 'double.local', name: 'pr-42-main' },
      });
      expect(JSON.stringify(ready)).not.toContain('secret-for');
      expect(provider.applied).toHaveLength(1);

      const secret = await api
        .get(`/api/environments/resources/${resource.id}/secret`)
        .expect(200);
      expect(secret.body).toEqual({
        connectionString: `double://pr-42-main:secret-for-${resource.id}@double.local`,
      });
      expect(secret.headers['cache-control']).toBe('no-store');

      const list = await api
        .get('/api/environments/environments')
        .query({ entityRef: 'component:default/checkout-api' })
        .expect(200);
      expect(list.body.totalItems).toBe(1);
      expect(list.body.items[0].id).toBe(created.body.environment.id);

      const operations = await api
        .get(`/api/environments/environments/${created.body.environment.id}/operations`)
        .expect(200);
      expect(operations.body.items).toMatchObject([{ type: 'create', state: 'succeeded', attempts: 1 }]);
    });

    it('answers a repeated Idempotency-Key with the first answer and does nothing new', async () => {
      const { api, provider } = await start();
      const first = await api
        .post('/api/environments/environments')
        .set('Idempotency-Key', 'task-1:step-env')
        .send(validRequest)
        .expect(202);
      const again = await api
        .post('/api/environments/environments')
        .set('Idempotency-Key', 'task-1:step-env')
        .send(validRequest)
        .expect(202);
      expect(again.body.environment.id).toBe(first.body.environment.id);
      expect(again.body.operation.id).toBe(first.body.operation.id);

      await waitFor(api, first.body.environment.id, 'ready');
      expect(provider.applied).toHaveLength(1);

      const other = await api
        .post('/api/environments/environments')
        .set('Idempotency-Key', 'task-1:step-env')
        .send({ ...validRequest, name: 'pr-43' })
        .expect(409);
      expect(other.body.error.message).toMatch(/Idempotency-Key: .* already used for a different request/);
    });

    it('plans without creating anything on a dry run', async () => {
      const { api, provider } = await start();
      const plan = await api
        .post('/api/environments/environments?dryRun=true')
        .send({ ...validRequest, class: 'staging', ttl: undefined })
        .expect(200);
      expect(plan.body).toMatchObject({
        environment: {
          name: 'pr-42',
          tier: 'staging',
          resources: [{ type: 'double', name: 'main', provider: 'double', target: 'local' }],
        },
        estimatedMonthlyCost: { amount: 30, currency: 'USD' },
      });
      expect(plan.body.warnings).toEqual([]);
      const list = await api.get('/api/environments/environments').expect(200);
      expect(list.body.totalItems).toBe(0);
      expect(provider.applied).toHaveLength(0);
    });

    it('plans for an entity a template has yet to register, saying so in a warning', async () => {
      const { api } = await start();
      const plan = await api
        .post('/api/environments/environments?dryRun=true')
        .send({ ...validRequest, entityRef: 'component:default/not-yet' })
        .expect(200);
      expect(plan.body.warnings).toEqual([
        {
          field: 'entityRef',
          message:
            'component:default/not-yet is not in the catalog yet; it must be before the environment is created',
        },
      ]);
      // For real, the same request is refused.
      const refused = await api
        .post('/api/environments/environments')
        .send({ ...validRequest, entityRef: 'component:default/not-yet' })
        .expect(400);
      expect(refused.body.error.message).toBe('entityRef: component:default/not-yet is not in the catalog');
    });

    it.each([
      ['an unknown class', { class: 'gold' }, 400, /class: there is no class named "gold"; the classes are preview, staging, production/],
      ['a resource type the class does not allow', { resources: [{ type: 'redis', name: 'cache' }] }, 400, /resources\[0\]\.type: the preview class does not allow "redis"; it allows double/],
      ['a name that is not a DNS label', { name: 'PR_42' }, 400, /name: must be a DNS label/],
      ['a name that is too long', { name: `p${'r'.repeat(30)}` }, 400, /name: must be at most 30 characters/],
      ['a resource name that is too long', { resources: [{ type: 'double', name: 'r'.repeat(17) }] }, 400, /resources\.0\.name: must be at most 16 characters/],
      ['SQL in a resource name', { resources: [{ type: 'double', name: 'a";drop' }] }, 400, /resources\.0\.name: must be a DNS label/],
      ['a TTL over the class max', { ttl: '8d' }, 400, /ttl: 8d is longer than the preview class allows \(7d\)/],
      ['a TTL on a static class', { class: 'staging', ttl: '4h' }, 400, /ttl: the staging class is static/],
      ['an owner that is not a group', { owner: 'user:default/mock' }, 400, /owner: must be a group entity ref/],
      ['an entity that is not in the catalog', { entityRef: 'component:default/nope' }, 400, /entityRef: component:default\/nope is not in the catalog/],
      ['a spec the provider refuses', { resources: [{ type: 'double', name: 'main', spec: { size: 'big' } }] }, 400, /resources\[0\]\.spec\.size: must be a number/],
      ['an unknown field', { colour: 'blue' }, 400, /Unrecognized key/],
    ])('refuses %s and creates nothing', async (_, change, status, message) => {
      const { api, provider } = await start();
      const res = await api
        .post('/api/environments/environments')
        .send({ ...validRequest, ...change })
        .expect(status);
      expect(res.body.error.message).toMatch(message);
      const list = await api.get('/api/environments/environments').expect(200);
      expect(list.body.totalItems).toBe(0);
      expect(provider.applied).toHaveLength(0);
    });

    it('knows an entity and an owner by one spelling, whichever way they are written', async () => {
      const { api } = await start();
      const created = await api
        .post('/api/environments/environments')
        .send({ ...validRequest, entityRef: 'Component:Checkout-API', owner: 'group:Checkout-Team' })
        .expect(202);
      expect(created.body.environment).toMatchObject({
        entityRef: 'component:default/checkout-api',
        owner: 'group:default/checkout-team',
      });
      const again = await api.post('/api/environments/environments').send(validRequest).expect(409);
      expect(again.body.error.message).toMatch(/already has an environment named "pr-42"/);
      const found = await api
        .get('/api/environments/environments')
        .query({ entityRef: 'component:default/CHECKOUT-API', owner: 'group:default/Checkout-Team' })
        .expect(200);
      expect(found.body.totalItems).toBe(1);
    });

    it('refuses a dry-run flag it cannot read rather than creating for real', async () => {
      const { api, provider } = await start();
      const res = await api
        .post('/api/environments/environments?dryRun=1')
        .send(validRequest)
        .expect(400);
      expect(res.body.error.message).toMatch(/dryRun: must be true or false/);
      const list = await api.get('/api/environments/environments').expect(200);
      expect(list.body.totalItems).toBe(0);
      expect(provider.applied).toHaveLength(0);
    });

    it('adds a resource to a live environment and provisions it', async () => {
      const { api, provider } = await start();
      const created = await api
        .post('/api/environments/environments')
        .send({ ...validRequest, resources: [] })
        .expect(202);
      const id = created.body.environment.id;
      await waitFor(api, id, 'ready');

      const added = await api
        .post(`/api/environments/environments/${id}/resources`)
        .send({ resources: [{ type: 'double', name: 'cache', spec: { size: 3 } }] })
        .expect(202);
      expect(added.body.operation).toMatchObject({ type: 'update', state: 'queued' });
      expect(added.body.environment.status).toBe('provisioning');
      const ready = await waitFor(api, id, 'ready');
      expect(ready.resources).toMatchObject([
        { name: 'cache', status: 'ready', spec: { size: 3 }, outputs: { name: 'pr-42-cache' } },
      ]);
      expect(ready.estimatedMonthlyCost.amount).toBe(4.5);
      expect(provider.applied.map(a => a.resource.name)).toEqual(['cache']);

      const twice = await api
        .post(`/api/environments/environments/${id}/resources`)
        .send({ resources: [{ type: 'double', name: 'cache' }] })
        .expect(409);
      expect(twice.body.error.message).toMatch(/already has a resource named "cache"/);
      const wrongType = await api
        .post(`/api/environments/environments/${id}/resources`)
        .send({ resources: [{ type: 'redis', name: 'kv' }] })
        .expect(400);
      expect(wrongType.body.error.message).toMatch(/resources\[0\]\.type: the preview class does not allow "redis"/);
    });

    it('refuses a second environment of the same name for the same entity (409)', async () => {
      const { api } = await start();
      await api.post('/api/environments/environments').send(validRequest).expect(202);
      const res = await api.post('/api/environments/environments').send(validRequest).expect(409);
      expect(res.body.error.message).toMatch(
        /name: component:default\/checkout-api already has an environment named "pr-42"/,
      );
    });

    it('refuses more environments than the class allows per owner (409 naming the limit)', async () => {
      const { api } = await start();
      for (const name of ['a', 'b', 'c']) {
        await api.post('/api/environments/environments').send({ ...validRequest, name }).expect(202);
      }
      const res = await api
        .post('/api/environments/environments')
        .send({ ...validRequest, name: 'd' })
        .expect(409);
      expect(res.body.error.message).toMatch(/maxEnvironmentsPerOwner: 3/);
    });

    it('refuses a request without a valid token (401)', async () => {
      const { api } = await start();
      const anonymous = await api
        .post('/api/environments/environments')
        .set('Authorization', mockCredentials.none.header())
        .send(validRequest);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.name).toBe('AuthenticationError');
      const forged = await api
        .get('/api/environments/environments')
        .set('Authorization', 'Bearer not-a-token');
      expect(forged.status).toBe(401);
      const list = await api.get('/api/environments/environments').expect(200);
      expect(list.body.totalItems).toBe(0);
    });

    it('extends an ephemeral environment within the class max, and not a static one', async () => {
      const { api } = await start();
      const preview = await api.post('/api/environments/environments').send(validRequest).expect(202);
      const id = preview.body.environment.id;

      const extended = await api
        .post(`/api/environments/environments/${id}/extend`)
        .send({ ttl: '2d' })
        .expect(200);
      const left = Date.parse(extended.body.environment.expiresAt) - Date.now();
      expect(left).toBeGreaterThan(47 * 3600_000);
      expect(extended.body.operation).toMatchObject({ type: 'extend', state: 'succeeded' });

      const shorter = await api
        .post(`/api/environments/environments/${id}/extend`)
        .send({ ttl: '1h' })
        .expect(400);
      expect(shorter.body.error.message).toMatch(/ttl: 1h from now is before pr-42 expires anyway .*; extending never shortens/);

      const tooLong = await api
        .post(`/api/environments/environments/${id}/extend`)
        .send({ ttl: '30d' })
        .expect(400);
      expect(tooLong.body.error.message).toMatch(/ttl: 30d is longer than the preview class allows \(7d\)/);

      const bad = await api
        .post(`/api/environments/environments/${id}/extend`)
        .send({ ttl: 'forever' })
        .expect(400);
      expect(bad.body.error.message).toMatch(/ttl: must be a duration/);

      const staging = await api
        .post('/api/environments/environments')
        .send({ ...validRequest, name: 'stage', class: 'staging', ttl: undefined })
        .expect(202);
      const res = await api
        .post(`/api/environments/environments/${staging.body.environment.id}/extend`)
        .send({ ttl: '1d' })
        .expect(400);
      expect(res.body.error.message).toMatch(/static staging class; its environments do not expire/);
    });

    it('destroys an environment and its resources; production needs the name confirmed', async () => {
      const { api, provider } = await start();
      const prod = await api
        .post('/api/environments/environments')
        .send({ ...validRequest, name: 'prod', class: 'production', ttl: undefined })
        .expect(202);
      const id = prod.body.environment.id;
      await waitFor(api, id, 'ready');

      const unconfirmed = await api.delete(`/api/environments/environments/${id}`).expect(400);
      expect(unconfirmed.body.error.message).toMatch(/confirm: destroying a production environment needs \?confirm=prod/);
      await api.delete(`/api/environments/environments/${id}?confirm=wrong`).expect(400);

      const destroyed = await api
        .delete(`/api/environments/environments/${id}?confirm=prod`)
        .expect(202);
      expect(destroyed.body.environment.status).toBe('destroying');
      await waitFor(api, id, 'destroyed');
      expect(provider.destroyed.map(d => d.resource.name)).toEqual(['main']);

      const list = await api.get('/api/environments/environments').expect(200);
      expect(list.body.totalItems).toBe(0);
      // The name is free again once the environment is gone.
      await api
        .post('/api/environments/environments')
        .send({ ...validRequest, name: 'prod', class: 'production', ttl: undefined })
        .expect(202);
    });

    it('retries a target that is down, saying so, and finishes when it is back', async () => {
      const { api, provider } = await start();
      provider.transientFailures = 1;
      const created = await api.post('/api/environments/environments').send(validRequest).expect(202);
      const id = created.body.environment.id;

      let seen: any;
      for (let i = 0; i < 100 && !seen?.statusReason; i++) {
        seen = (await api.get(`/api/environments/environments/${id}`)).body;
        await new Promise(r => setTimeout(r, 20));
      }
      expect(seen.status).toBe('provisioning');
      expect(seen.statusReason).toMatch(/^Retrying: connect ECONNREFUSED .* \(attempt 1 of 8 failed; next at /);

      const ready = await waitFor(api, id, 'ready');
      expect(ready.statusReason).toBeUndefined();
      const operations = await api.get(`/api/environments/environments/${id}/operations`);
      expect(operations.body.items[0]).toMatchObject({ state: 'succeeded', attempts: 2 });
    });

    it('fails an operation for good with the provider\'s message', async () => {
      const { api, provider } = await start();
      provider.permanentFailure = 'database "x" exists and is not managed by Paved';
      const created = await api.post('/api/environments/environments').send(validRequest).expect(202);
      const failed = await waitFor(api, created.body.environment.id, 'failed');
      expect(failed.statusReason).toBe('database "x" exists and is not managed by Paved');
      expect(failed.resources[0]).toMatchObject({ status: 'failed' });
      const operations = await api.get(
        `/api/environments/environments/${created.body.environment.id}/operations`,
      );
      expect(operations.body.items[0]).toMatchObject({
        state: 'failed',
        error: 'database "x" exists and is not managed by Paved',
      });
    });
  },
);
