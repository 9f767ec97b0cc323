import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  environmentCreatePermission,
  environmentDeletePermission,
  environmentExceptionApprovePermission,
  environmentReadPermission,
  environmentRequestApprovePermission,
  environmentsApiRoutes,
  environmentUpdatePermission,
  goalSnapshotPermission,
  resourceSecretReadPermission,
} from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createRouter } from '../router';
import { GoalsService } from '../goals/GoalsService';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { ProviderDouble } from '../__testUtils__/ProviderDouble';
import { startWithProviderDouble } from '../__testUtils__/startWithProviderDouble';
import {
  Call,
  documentedAnswers,
  Json,
  requestProblems,
  responseProblems,
  RouteKey,
} from './__testUtils__/documentChecks';

/*
 * The contract test: every route of the real plugin is called, including its error
 * cases, and each request and answer is checked against the generated
 * src/schema/openapi.yaml. It also checks that the router serves exactly the documented
 * routes and that every documented status of every operation was seen.
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
    name: 'staging',
    tier: 'staging',
    lifecycle: 'static',
    baseline: 'staging',
    resources: { double: { target: 'local', monthlyCost: 20 } },
    // No trigger, so nothing waits; it names who decides baseline exceptions.
    approval: { approvers: 'group:default/platform-team' },
  },
  {
    name: 'production',
    tier: 'production',
    lifecycle: 'static',
    resources: { double: { target: 'local' } },
  },
  {
    name: 'guarded',
    tier: 'production',
    lifecycle: 'static',
    resources: { double: { target: 'local' } },
    approval: { always: true, approvers: 'group:default/platform-team' },
  },
];

/** A member of the approver group of the `guarded` class. */
const approverRef = 'user:default/platform-admin';

const BASELINES = '/docs/default/component/platform-guidelines/baselines/#';
const rule = (id: string, severity: string, message: string, max: number) => ({
  id,
  severity,
  message,
  link: `${BASELINES}${id}`,
  params: { max },
});
const baselines = {
  staging: {
    rules: [
      rule('environment.cost-budget', 'high', 'Within budget', 30),
      rule(
        'environment.max-resources',
        'blocking',
        'Not too many resources',
        2,
      ),
    ],
  },
};

const validRequest = {
  name: 'pr-1',
  class: 'preview',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  ttl: '4h',
  resources: [{ type: 'double', name: 'main', spec: { size: 2 } }],
};

describe('the OpenAPI document', () => {
  const provider = new ProviderDouble();
  /** Permissions the policy denies, by name; everything else is allowed. */
  const denied = new Set<string>();
  const exercised = new Set<string>();
  let api: ReturnType<typeof request>;
  let knex: Knex;
  let names = 0;
  // Created while the suite is defined: it registers its own clean-up hooks.
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  beforeAll(async () => {
    const decide = async (requests: Array<{ permission: { name: string } }>) =>
      requests.map(r => ({
        result: denied.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })) as any;
    knex = await databases.init('SQLITE_3');
    const { server } = await startWithProviderDouble({
      knex,
      classes,
      baselines,
      provider,
      goals: [
        {
          id: 'previews-ready',
          title: 'Previews are ready within 10 minutes',
          owner: 'group:default/platform-team',
          metric: 'provisioning-lead-time',
          scope: { class: 'preview' },
          target: 0.17,
          due: '2027-03-31',
        },
      ],
      features: [
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials: BackstageCredentials) {
              const user = (credentials.principal as Json).userEntityRef;
              return {
                userEntityRef: user,
                ownershipEntityRefs:
                  user === approverRef
                    ? [user, 'group:default/platform-team']
                    : [user],
              };
            },
          }),
        }),
        mockServices.permissions.mock({
          authorize: decide,
          authorizeConditional: decide,
        }).factory,
      ],
    });
    api = request(server);
  });

  afterEach(() => denied.clear());

  /**
   * Sends the request, checks the answer against the document and records it as
   * exercised. Apart from a 400, the request itself must be one the document accepts.
   */
  async function send(key: RouteKey, call: Call = {}) {
    const route = environmentsApiRoutes[key];
    const url = `/api/environments${route.path.replace(
      /\{(\w+)\}/g,
      (_, name) => encodeURIComponent(call.params![name]),
    )}`;
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      for (const v of ([] as string[]).concat(value)) query.append(name, v);
    }
    const method = route.method.toLowerCase() as 'get' | 'post' | 'delete';
    let req = api[method](query.size ? `${url}?${query}` : url);
    for (const [name, value] of Object.entries(call.headers ?? {})) {
      req = req.set(name, value);
    }
    if (call.raw !== undefined) req = req.type('json').send(call.raw);
    else if (call.body !== undefined) req = req.send(call.body as object);
    const res = await req;
    // supertest parses JSON only; a CSV answer is its text.
    const body = /^text\/csv/.test(res.headers['content-type'] ?? '')
      ? res.text
      : res.body;

    expect(responseProblems(key, res.status, body, res.headers)).toEqual([]);
    const problems = requestProblems(key, call);
    expect(res.status === 400 ? [] : problems).toEqual([]);
    exercised.add(`${route.method} ${route.path} ${res.status}`);
    return { status: res.status, body, headers: res.headers, problems };
  }

  function uniqueName() {
    names += 1;
    return `env-${names}`;
  }

  async function create(overrides: object = {}) {
    const body = { ...validRequest, name: uniqueName(), ...overrides };
    const res = await send('createEnvironment', { body });
    expect(res.status).toBe(202);
    return res.body as { environment: Json; operation: Json };
  }

  async function waitFor(id: string, status: string) {
    for (let i = 0; i < 200; i++) {
      const res = await send('getEnvironment', { params: { id } });
      if (res.body.status === status) return res.body;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`environment ${id} never became ${status}`);
  }

  const none = { Authorization: mockCredentials.none.header() };

  it('documents exactly the routes the router serves', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      environments: {} as EnvironmentsService,
      goals: {} as GoalsService,
    });
    const served = (router.stack as Json[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method.toUpperCase()} ${layer.route.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        ),
      );
    const documented = [
      ...new Set(documentedAnswers().map(a => a.replace(/ \d+$/, ''))),
    ];
    expect(served.sort()).toEqual(documented.sort());
  });

  describe('POST /environments', () => {
    const post = (body: unknown, extra: Call = {}) =>
      send('createEnvironment', { body, ...extra });

    it('creates (202), replays an Idempotency-Key, and plans a dry run (200)', async () => {
      const name = uniqueName();
      const headers = {
        'Idempotency-Key': `key-${name}`,
        'x-paved-scaffolder-task-id': 'task-1',
      };
      const first = await post({ ...validRequest, name }, { headers });
      expect(first.status).toBe(202);
      expect(first.body.operation.scaffolderTaskId).toBe('task-1');
      const again = await post({ ...validRequest, name }, { headers });
      expect(again.status).toBe(202);
      expect(again.body.operation.id).toBe(first.body.operation.id);

      const plan = await post(
        {
          ...validRequest,
          name: uniqueName(),
          class: 'staging',
          ttl: undefined,
        },
        { query: { dryRun: 'true' } },
      );
      expect(plan.status).toBe(200);
      expect(plan.body.estimatedMonthlyCost).toEqual({
        amount: 20,
        currency: 'USD',
      });
    });

    it('warns of a broken baseline rule (202, 200) and refuses a blocking one (400)', async () => {
      const two = ['a', 'b'].map(name => ({ type: 'double', name, spec: {} }));
      const staging = {
        ...validRequest,
        class: 'staging',
        ttl: undefined,
        resources: two,
      };
      const plan = await post(
        { ...staging, name: uniqueName() },
        { query: { dryRun: 'true' } },
      );
      expect(plan.status).toBe(200);
      expect(plan.body.warnings).toEqual([
        {
          field: 'estimatedMonthlyCost',
          message: 'Within budget (expected at most 30, got 40)',
          rule: 'environment.cost-budget',
          severity: 'high',
          link: `${BASELINES}environment.cost-budget`,
        },
      ]);
      const created = await post({ ...staging, name: uniqueName() });
      expect(created.status).toBe(202);
      expect(created.body.warnings).toEqual(plan.body.warnings);

      const three = [...two, { type: 'double', name: 'c', spec: {} }];
      for (const query of [undefined, { dryRun: 'true' }]) {
        const refused = await post(
          { ...staging, name: uniqueName(), resources: three },
          { query },
        );
        expect(refused.status).toBe(400);
        // Every broken rule, the blocking one and the one that only warns.
        expect(refused.body.error.message).toBe(
          `The request breaks a blocking rule of the staging baseline (class staging): resources: Not too many resources (expected at most 2, got 3) [environment.max-resources, blocking, see ${BASELINES}environment.max-resources]; estimatedMonthlyCost: Within budget (expected at most 30, got 60) [environment.cost-budget, high, see ${BASELINES}environment.cost-budget]`,
        );
      }
    });

    it('answers 409 for a name in use and for a reused Idempotency-Key', async () => {
      const { environment } = await create();
      const taken = await post({ ...validRequest, name: environment.name });
      expect(taken.status).toBe(409);
      expect(taken.body.error.message).toMatch(/^name: /);

      const headers = { 'Idempotency-Key': 'used-once' };
      const body = () => ({ ...validRequest, name: uniqueName() });
      expect((await post(body(), { headers })).status).toBe(202);
      const reused = await post(body(), { headers });
      expect(reused.status).toBe(409);
      expect(reused.body.error.message).toMatch(/^Idempotency-Key: /);
    });

    const resources = (...list: object[]) => ({ resources: list });
    // `document`: a rule the document states too, so it must refuse the request as well.
    // `service`: a rule only the service can check (config, catalog, provider).
    // prettier-ignore
    const refusals: Array<[string, object, 'document' | 'service', RegExp, object?]> = [
      ['a name that is not a DNS label', { name: 'PR_42' }, 'document', /^name: must be a DNS label/],
      ['a name over 30 characters', { name: `p${'r'.repeat(30)}` }, 'document', /^name: must be at most 30/],
      ['a resource name over 16 characters', resources({ type: 'double', name: 'r'.repeat(17) }), 'document', /resources\.0\.name: must be at most 16/],
      ['an owner that is not a group', { owner: 'user:default/mock' }, 'document', /^owner: must be a group entity ref/],
      ['an entityRef that is not a component or system', { entityRef: 'resource:default/db' }, 'document', /^entityRef: must be a component or system/],
      ['a TTL that is not a duration', { ttl: 'forever' }, 'document', /^ttl: must be a duration/],
      ['an unknown field', { colour: 'blue' }, 'document', /Unrecognized key/],
      ['a missing class', { class: undefined }, 'document', /^class: /],
      ['an empty resource type', resources({ type: '', name: 'main' }), 'document', /resources\.0\.type: must name a resource type/],
      ['more than 20 resources', resources(...Array.from({ length: 21 }, (_, i) => ({ type: 'double', name: `r${i}` }))), 'document', /^resources: /],
      ['a spec that is not an object', resources({ type: 'double', name: 'main', spec: [1] }), 'document', /resources\.0\.spec: /],
      ['an Idempotency-Key over 255 characters', {}, 'document', /^Idempotency-Key: must be at most 255/, { 'Idempotency-Key': 'k'.repeat(256) }],
      ['an unknown class', { class: 'gold' }, 'service', /^class: there is no class named "gold"/],
      ['a resource type the class does not allow', resources({ type: 'redis', name: 'cache' }), 'service', /^resources\[0\]\.type: /],
      ['a resource name used twice', resources({ type: 'double', name: 'a' }, { type: 'double', name: 'a' }), 'service', /^resources\[1\]\.name: "a" is used twice/],
      ['a TTL over the class maximum', { ttl: '8d' }, 'service', /^ttl: 8d is longer than the preview class allows/],
      ['a TTL on a static class', { class: 'staging' }, 'service', /^ttl: the staging class is static/],
      ['an entity that is not in the catalog', { entityRef: 'component:default/nope' }, 'service', /^entityRef: .* is not in the catalog/],
      ['a spec the provider refuses', resources({ type: 'double', name: 'main', spec: { size: 'big' } }), 'service', /^resources\[0\]\.spec\.size: must be a number/],
    ];
    it.each(refusals)(
      'refuses %s (400)',
      async (_, change, ruleOf, message, headers = {}) => {
        const res = await post(
          { ...validRequest, name: uniqueName(), ...change },
          { headers: headers as Record<string, string> },
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        // The document refuses exactly the requests that break a rule it states.
        expect(res.problems.length > 0 ? 'document' : 'service').toBe(ruleOf);
      },
    );

    it('refuses a body that is not JSON (400) or over 100 kB (413)', async () => {
      const broken = await post(undefined, { raw: '{"name":' });
      expect([broken.status, broken.body.error.name]).toEqual([
        400,
        'SyntaxError',
      ]);
      const notes = 'x'.repeat(200_000);
      const big = {
        ...validRequest,
        name: uniqueName(),
        resources: [{ type: 'double', name: 'main', spec: { notes } }],
      };
      expect((await post(big)).status).toBe(413);
    });

    it('answers 401 without a token and 403 when the policy says no', async () => {
      const body = () => ({ ...validRequest, name: uniqueName() });
      expect((await post(body(), { headers: none })).status).toBe(401);
      denied.add(environmentCreatePermission.name);
      const res = await post(body());
      expect(res.status).toBe(403);
    });
  });

  describe('GET /environments', () => {
    const list = (query: Call['query'], headers?: Call['headers']) =>
      send('listEnvironments', { query, headers });

    it('lists with every filter, and pages with limit and cursor', async () => {
      await create();
      await create();
      const first = await list({ limit: '1' });
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toBe('1');
      const next = await list({ limit: '1', cursor: first.body.nextCursor });
      expect(next.body.items[0].id).not.toBe(first.body.items[0].id);

      const filtered = await list({
        entityRef: [
          'component:default/checkout-api',
          'system:default/checkout',
        ],
        owner: 'group:default/checkout-team',
        class: 'preview',
        tier: 'preview',
        status: 'provisioning',
        expiringBefore: new Date(Date.now() + 86_400_000).toISOString(),
        limit: '500',
      });
      expect(filtered.status).toBe(200);
      expect((await list({ status: 'destroyed' })).status).toBe(200);
    });

    it.each([
      ['a limit of 0', { limit: '0' }],
      ['a limit over 500', { limit: '501' }],
      ['a limit that is not a whole number', { limit: '1.5' }],
      ['an unknown tier', { tier: 'gold' }],
      ['an unknown status', { status: 'gone' }],
      ['a cursor that is not one', { cursor: 'abc' }],
      ['hasFindings that is not true or false', { hasFindings: 'maybe' }],
      [
        'expiringBefore that is not a date-time',
        { expiringBefore: 'tomorrow' },
      ],
      ['an undocumented parameter', { colour: 'blue' }],
    ])('refuses %s (400), as the document does', async (_, query) => {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        new RegExp(`^${Object.keys(query)[0]}|Unrecognized key`),
      );
      expect(res.problems).not.toEqual([]);
    });

    it('answers 401 without a token', async () => {
      expect((await list({}, none)).status).toBe(401);
    });
  });

  describe('GET /environments/{id} and /environments/{id}/operations', () => {
    it.each<RouteKey>(['getEnvironment', 'getOperations'])(
      '%s answers 200, 404 and 401',
      async key => {
        const { environment } = await create();
        const get = (id: string, headers?: Record<string, string>) =>
          send(key, { params: { id }, headers });
        expect((await get(environment.id)).status).toBe(200);
        expect((await get('no-such-id')).status).toBe(404);
        expect((await get(environment.id, none)).status).toBe(401);
        // One the caller may not read is not there, to them.
        denied.add(environmentReadPermission.name);
        expect((await get(environment.id)).status).toBe(404);
      },
    );
  });

  describe('POST /environments/{id}/resources', () => {
    const add = (
      id: string,
      body: unknown,
      headers?: Record<string, string>,
      query?: Record<string, string>,
    ) => send('addResources', { params: { id }, body, headers, query });

    it('plans with ?dryRun=true (200), adding nothing, and refuses as the request would be (400)', async () => {
      const { environment } = await create({
        class: 'staging',
        ttl: undefined,
      });
      const plan = await add(
        environment.id,
        { resources: [{ type: 'double', name: 'cache' }] },
        undefined,
        { dryRun: 'true' },
      );
      expect(plan.status).toBe(200);
      expect(plan.body.environment.resources).toMatchObject([
        { type: 'double', name: 'cache' },
      ]);
      expect(plan.body.estimatedMonthlyCost.amount).toBeGreaterThan(0);
      const after = await send('getEnvironment', {
        params: { id: environment.id },
      });
      expect(after.body.resources.map((r: Json) => r.name)).toEqual(['main']);
      // It has one already; staging allows two.
      const refused = await add(
        environment.id,
        { resources: ['a', 'b'].map(name => ({ type: 'double', name })) },
        undefined,
        { dryRun: 'true' },
      );
      expect(refused.status).toBe(400);
    });

    it('adds (202), and refuses as documented', async () => {
      const { environment } = await create();
      const added = await add(environment.id, {
        resources: [{ type: 'double', name: 'cache', spec: {} }],
      });
      expect(added.status).toBe(202);
      expect(added.body.operation).toMatchObject({
        type: 'update',
        state: 'queued',
      });

      // Staging allows two resources, and 30 a month: the second warns, a third is refused.
      const { environment: staged } = await create({
        class: 'staging',
        ttl: undefined,
      });
      const second = await add(staged.id, {
        resources: [{ type: 'double', name: 'b' }],
      });
      expect(second.status).toBe(202);
      expect(second.body.warnings.map((w: Json) => w.rule)).toEqual([
        'environment.cost-budget',
      ]);
      const third = await add(staged.id, {
        resources: [{ type: 'double', name: 'c' }],
      });
      expect(third.status).toBe(400);
      expect(third.body.error.message).toMatch(/environment\.max-resources/);

      for (const body of [
        { resources: [] },
        {},
        { resources: [{ type: 'double' }] },
      ]) {
        const res = await add(environment.id, body);
        expect(res.status).toBe(400);
        expect(res.problems).not.toEqual([]);
      }
      const notAllowed = await add(environment.id, {
        resources: [{ type: 'redis', name: 'kv' }],
      });
      expect([notAllowed.status, notAllowed.problems]).toEqual([400, []]);
      const twice = await add(environment.id, {
        resources: [{ type: 'double', name: 'cache' }],
      });
      expect(twice.status).toBe(409);

      const padded = await send('addResources', {
        params: { id: environment.id },
        body: { resources: [{ type: 'double', name: 'big' }] },
        raw: `{"resources":[{"type":"double","name":"big"}]${' '.repeat(
          200_000,
        )}}`,
      });
      expect(padded.status).toBe(413);
      const body = { resources: [{ type: 'double', name: 'more' }] };
      expect((await add('no-such-id', body)).status).toBe(404);
      expect((await add(environment.id, body, none)).status).toBe(401);
      denied.add(environmentUpdatePermission.name);
      expect((await add(environment.id, body)).status).toBe(403);
      denied.clear();
    });
  });

  describe('POST /environments/{id}/extend', () => {
    const extend = (
      id: string,
      body: unknown,
      headers?: Record<string, string>,
    ) => send('extendEnvironment', { params: { id }, body, headers });

    it('extends (200), and refuses as documented', async () => {
      const { environment } = await create();
      const extended = await extend(environment.id, { ttl: '2d' });
      expect(extended.status).toBe(200);
      expect(extended.body.operation).toMatchObject({
        type: 'extend',
        state: 'succeeded',
      });

      for (const body of [
        { ttl: 'forever' },
        {},
        { ttl: '1d', colour: 'blue' },
      ]) {
        const res = await extend(environment.id, body);
        expect(res.status).toBe(400);
        expect(res.problems).not.toEqual([]);
      }
      const tooLong = await extend(environment.id, { ttl: '30d' });
      expect([tooLong.status, tooLong.problems]).toEqual([400, []]);
      const staging = await create({ class: 'staging', ttl: undefined });
      const staticOne = await extend(staging.environment.id, { ttl: '1d' });
      expect([staticOne.status, staticOne.problems]).toEqual([400, []]);

      const padded = await send('extendEnvironment', {
        params: { id: environment.id },
        body: { ttl: '1d' },
        raw: `{"ttl":"1d"${' '.repeat(200_000)}}`,
      });
      expect(padded.status).toBe(413);

      const day = { ttl: '1d' };
      expect((await extend('no-such-id', day)).status).toBe(404);
      expect((await extend(environment.id, day, none)).status).toBe(401);
      denied.add(environmentUpdatePermission.name);
      expect((await extend(environment.id, day)).status).toBe(403);
      denied.clear();

      await send('destroyEnvironment', { params: { id: environment.id } });
      const gone = await extend(environment.id, day);
      expect(gone.status).toBe(409);
    });
  });

  describe('POST /environments/{id}/retry', () => {
    const retry = (id: string, headers?: Record<string, string>) =>
      send('retryEnvironment', { params: { id }, headers });

    it('retries a failed environment (202), and refuses as documented', async () => {
      provider.permanentFailure = 'the double refused';
      const { environment } = await create();
      const failed = await waitFor(environment.id, 'failed');
      expect(failed.statusReason).toBe('the double refused');

      expect((await retry('no-such-id')).status).toBe(404);
      expect((await retry(environment.id, none)).status).toBe(401);
      denied.add(environmentUpdatePermission.name);
      expect((await retry(environment.id)).status).toBe(403);
      denied.clear();

      const retried = await retry(environment.id);
      expect(retried.status).toBe(202);
      expect(retried.body.operation).toMatchObject({
        type: 'update',
        state: 'queued',
      });
      expect(retried.body.environment.activeOperation.id).toBe(
        retried.body.operation.id,
      );
      const ready = await waitFor(environment.id, 'ready');
      expect(ready.activeOperation).toBeUndefined();

      const notFailed = await retry(environment.id);
      expect(notFailed.status).toBe(409);
      expect(notFailed.body.error.message).toMatch(
        /is ready; only a failed environment/,
      );
    });
  });

  describe('GET /environments/{id}/findings and /findings', () => {
    it('lists findings (200), filters them, and refuses as documented', async () => {
      const { environment } = await create();
      const resourceId = environment.resources[0].id;
      // What the reconciler records: one open finding about the resource, one resolved.
      const finding = (id: string, fields: object) => ({
        id,
        environment_id: environment.id,
        key: id,
        rule: 'postgres.connection-limit',
        severity: 'high',
        field: 'connectionLimit',
        message: 'Within the range',
        link: `${BASELINES}postgres.connection-limit`,
        expected: '10 (1–100)',
        observed: '500',
        detected_at: new Date().toISOString(),
        ...fields,
      });
      await knex('findings').insert([
        finding(`open-${environment.id}`, { resource_id: resourceId }),
        finding(`resolved-${environment.id}`, {
          severity: 'low',
          rule: 'environment.name-pattern',
          resolved_at: new Date().toISOString(),
        }),
      ]);

      const params = { id: environment.id };
      const own = await send('getFindings', { params });
      expect(own.status).toBe(200);
      expect(
        own.body.items.map((f: Json) => [
          f.rule,
          f.resourceName,
          f.resolvedAt !== undefined,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['postgres.connection-limit', 'main', false],
          ['environment.name-pattern', undefined, true],
        ]),
      );
      // The card's conformance line and the page's filter.
      const one = await send('getEnvironment', { params });
      expect(one.body.openFindings).toBe(1);
      expect(one.body.openFindingsBySeverity).toEqual({ high: 1 });
      const list = (query: Record<string, string>) =>
        send('listEnvironments', { query: { limit: '500', ...query } });
      const withFindings = await list({ hasFindings: 'true' });
      expect(withFindings.status).toBe(200);
      expect(
        withFindings.body.items.map((e: Json) => [e.id, e.openFindings]),
      ).toContainEqual([environment.id, 1]);
      expect(
        withFindings.body.items.every((e: Json) => e.openFindings >= 1),
      ).toBe(true);
      const without = await list({ hasFindings: 'false' });
      expect(without.body.items.map((e: Json) => e.id)).not.toContain(
        environment.id,
      );

      const get = (query: Call['query'], headers?: Call['headers']) =>
        send('listFindings', { query, headers });
      const open = await get({
        entityRef: validRequest.entityRef,
        state: 'open',
        severity: 'high',
      });
      expect(open.status).toBe(200);
      expect(open.body.items.map((f: Json) => f.id)).toContain(
        `open-${environment.id}`,
      );
      expect(
        open.body.items.every(
          (f: Json) => !f.resolvedAt && f.severity === 'high',
        ),
      ).toBe(true);
      const resolved = await get({ state: 'resolved' });
      expect(resolved.body.items.map((f: Json) => f.id)).toContain(
        `resolved-${environment.id}`,
      );
      expect(
        (await get({ entityRef: 'component:default/elsewhere' })).body.items,
      ).toEqual([]);

      const bad = await get({ state: 'closed' });
      expect([bad.status, bad.problems.length > 0]).toEqual([400, true]);
      expect((await get({}, none)).status).toBe(401);
      denied.add(environmentReadPermission.name);
      expect((await get({})).body.items).toEqual([]);
      denied.clear();
      const missing = { params: { id: 'no-such-id' } };
      expect((await send('getFindings', missing)).status).toBe(404);
      expect(
        (await send('getFindings', { params, headers: none })).status,
      ).toBe(401);
    });
  });

  describe('GET /classes', () => {
    it('lists the configured classes (200), and refuses as documented', async () => {
      const res = await send('listClasses');
      expect(res.status).toBe(200);
      expect(
        res.body.items.find((c: Json) => c.name === 'preview'),
      ).toMatchObject({
        tier: 'preview',
        lifecycle: 'ephemeral',
        resourceTypes: ['double'],
      });
      const unauthenticated = await send('listClasses', { headers: none });
      expect(unauthenticated.status).toBe(401);
    });
  });

  describe('DELETE /environments/{id}', () => {
    const destroy = (
      id: string,
      query?: Call['query'],
      headers?: Call['headers'],
    ) => send('destroyEnvironment', { params: { id }, query, headers });

    it('destroys (202), again without doing anything new, and refuses as documented', async () => {
      const { environment } = await create({
        class: 'production',
        ttl: undefined,
      });
      const confirm = { confirm: environment.name };
      const unconfirmed = await destroy(environment.id);
      expect([unconfirmed.status, unconfirmed.problems]).toEqual([400, []]);
      expect(unconfirmed.body.error.message).toMatch(/^confirm: /);
      expect((await destroy('no-such-id')).status).toBe(404);
      expect((await destroy(environment.id, confirm, none)).status).toBe(401);
      denied.add(environmentDeletePermission.name);
      expect((await destroy(environment.id, confirm)).status).toBe(403);
      denied.clear();

      const first = await destroy(environment.id, confirm);
      expect(first.status).toBe(202);
      expect(first.body.operation.type).toBe('destroy');
      const again = await destroy(environment.id, confirm);
      expect(again.body.operation.id).toBe(first.body.operation.id);
    });
  });

  describe('GET /resources/{id}/secret', () => {
    const reveal = (id: string, headers?: Record<string, string>) =>
      send('revealSecret', { params: { id }, headers });

    it('reveals a ready resource (200, no-store), and refuses as documented', async () => {
      let release = () => {};
      provider.gate = new Promise<void>(r => (release = r));
      const { environment } = await create();
      const [resource] = environment.resources;
      const early = await reveal(resource.id);
      expect(early.status).toBe(409);
      release();
      await waitFor(environment.id, 'ready');

      const secret = await reveal(resource.id);
      expect(secret.status).toBe(200);
      expect(secret.body.connectionString).toMatch(/^double:\/\//);
      expect((await reveal('no-such-id')).status).toBe(404);
      expect((await reveal(resource.id, none)).status).toBe(401);
      const service = await reveal(resource.id, {
        Authorization: mockCredentials.service.header(),
      });
      expect(service.status).toBe(403);
      denied.add(resourceSecretReadPermission.name);
      expect((await reveal(resource.id)).status).toBe(403);
    });
  });

  describe('requests: GET /requests, POST /requests/{id}/decision and /withdraw', () => {
    const approver = {
      Authorization: mockCredentials.user.header(approverRef),
    };
    const decide = (id: string, body: unknown, headers?: Call['headers']) =>
      send('decideRequest', { params: { id }, body, headers });
    const withdraw = (id: string, headers?: Call['headers']) =>
      send('withdrawRequest', { params: { id }, headers });
    const guarded = async () => {
      const answer: Json = await create({ class: 'guarded', ttl: undefined });
      expect(answer.environment.status).toBe('awaiting-approval');
      expect(answer.approval.approvers).toBe('group:default/platform-team');
      return answer.approval.requestId as string;
    };

    it('lists requests (200) with filters, and refuses as documented', async () => {
      const id = await guarded();
      const mine = await send('listRequests', {
        query: { mine: 'true', state: 'pending', class: 'guarded' },
      });
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((r: Json) => r.id)).toContain(id);
      const toDecide = await send('listRequests', {
        query: { toDecide: 'true' },
        headers: approver,
      });
      expect(toDecide.body.items.map((r: Json) => r.id)).toContain(id);
      const filtered = await send('listRequests', {
        query: {
          owner: 'group:default/checkout-team',
          entityRef: 'component:default/checkout-api',
        },
      });
      expect(filtered.status).toBe(200);
      expect(
        (await send('listRequests', { query: { colour: 'red' } })).status,
      ).toBe(400);
      expect((await send('listRequests', { headers: none })).status).toBe(401);
    });

    it('approves (200) once (409 after), and refuses as documented', async () => {
      const id = await guarded();
      expect((await decide(id, { decision: 'reject' }, approver)).status).toBe(
        400,
      );
      // The requester may not decide their own request.
      expect((await decide(id, { decision: 'approve' })).status).toBe(403);
      denied.add(environmentRequestApprovePermission.name);
      expect((await decide(id, { decision: 'approve' }, approver)).status).toBe(
        403,
      );
      denied.clear();
      expect((await decide(id, { decision: 'approve' }, none)).status).toBe(
        401,
      );
      expect(
        (await decide('no-such-id', { decision: 'approve' }, approver)).status,
      ).toBe(404);
      const padded = await send('decideRequest', {
        params: { id },
        body: { decision: 'approve' },
        raw: `{"decision":"approve"${' '.repeat(200_000)}}`,
        headers: approver,
      });
      expect(padded.status).toBe(413);

      const approved = await decide(id, { decision: 'approve' }, approver);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        state: 'approved',
        decidedBy: approverRef,
      });
      const again = await decide(
        id,
        { decision: 'reject', comment: 'no' },
        approver,
      );
      expect(again.status).toBe(409);
    });

    it('withdraws (200) for the requester only, and refuses as documented', async () => {
      const id = await guarded();
      expect((await withdraw(id, approver)).status).toBe(403);
      expect((await withdraw(id, none)).status).toBe(401);
      expect((await withdraw('no-such-id')).status).toBe(404);
      const withdrawn = await withdraw(id);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.state).toBe('withdrawn');
      expect((await withdraw(id)).status).toBe(409);
    });
  });

  describe('exceptions: POST /environments/{id}/exceptions, GET /exceptions, POST /exceptions/{id}/decision', () => {
    const approver = {
      Authorization: mockCredentials.user.header(approverRef),
    };
    const until = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
    const ask = (id: string, body: unknown, headers?: Call['headers']) =>
      send('requestException', { params: { id }, body, headers });
    const decide = (id: string, body: unknown, headers?: Call['headers']) =>
      send('decideException', { params: { id }, body, headers });
    const costBudget = () => ({
      rule: 'environment.cost-budget',
      justification: 'two replicas for the launch week',
      until: until(),
    });

    it('asks (201) once per rule (409 after), and refuses as documented', async () => {
      const { environment } = await create({
        class: 'staging',
        ttl: undefined,
      });
      const asked = await ask(environment.id, costBudget());
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({
        state: 'pending',
        rule: 'environment.cost-budget',
        approvers: 'group:default/platform-team',
      });
      expect((await ask(environment.id, costBudget())).status).toBe(409);
      const blocking = await ask(environment.id, {
        ...costBudget(),
        rule: 'environment.max-resources',
      });
      expect(blocking.status).toBe(400);
      expect(blocking.body.error.message).toMatch(/^rule: .* is blocking/);
      expect((await ask(environment.id, costBudget(), none)).status).toBe(401);
      expect((await ask('no-such-id', costBudget())).status).toBe(404);
      denied.add(environmentUpdatePermission.name);
      expect((await ask(environment.id, costBudget())).status).toBe(403);
      denied.clear();
      const padded = await send('requestException', {
        params: { id: environment.id },
        body: costBudget(),
        raw: `{"rule":"x"${' '.repeat(200_000)}}`,
      });
      expect(padded.status).toBe(413);

      const listed = await send('listExceptions', {
        query: { environmentId: environment.id, state: 'pending' },
      });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((x: Json) => x.id)).toEqual([asked.body.id]);
      expect(
        (await send('listExceptions', { query: { colour: 'red' } })).status,
      ).toBe(400);
      expect((await send('listExceptions', { headers: none })).status).toBe(
        401,
      );
    });

    it('decides (200) once (409 after), and refuses as documented', async () => {
      const { environment } = await create({
        class: 'staging',
        ttl: undefined,
      });
      const { body: asked } = await ask(environment.id, costBudget());
      const id = asked.id;
      expect((await decide(id, { decision: 'reject' }, approver)).status).toBe(
        400,
      );
      // The one who asked does not decide.
      expect((await decide(id, { decision: 'approve' })).status).toBe(403);
      denied.add(environmentExceptionApprovePermission.name);
      expect((await decide(id, { decision: 'approve' }, approver)).status).toBe(
        403,
      );
      denied.clear();
      expect((await decide(id, { decision: 'approve' }, none)).status).toBe(
        401,
      );
      expect(
        (await decide('no-such-id', { decision: 'approve' }, approver)).status,
      ).toBe(404);
      const padded = await send('decideException', {
        params: { id },
        body: { decision: 'approve' },
        raw: `{"decision":"approve"${' '.repeat(200_000)}}`,
        headers: approver,
      });
      expect(padded.status).toBe(413);
      const approved = await decide(id, { decision: 'approve' }, approver);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        state: 'approved',
        decidedBy: approverRef,
      });
      expect(
        (await decide(id, { decision: 'reject', comment: 'no' }, approver))
          .status,
      ).toBe(409);
    });
  });

  describe('goals', () => {
    it('lists (200), answers one (200) or an unknown one (404), and refuses as documented', async () => {
      await create();
      const list = await send('listGoals');
      expect(list.status).toBe(200);
      expect(list.body.items.map((g: Json) => g.id)).toEqual([
        'previews-ready',
      ]);
      const mine = await send('listGoals', {
        query: { group: 'group:default/platform-team' },
      });
      expect(mine.body.items).toHaveLength(1);
      const odd = await send('listGoals', { query: { colour: 'blue' } });
      expect([odd.status, odd.problems.length > 0]).toEqual([400, true]);
      expect((await send('listGoals', { headers: none })).status).toBe(401);

      const one = await send('getGoal', { params: { id: 'previews-ready' } });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        metric: 'provisioning-lead-time',
        statistics: { requested: expect.any(Number) },
        breakdown: { byClass: [{ key: 'preview' }] },
      });
      const unknown = await send('getGoal', { params: { id: 'nope' } });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'There is no goal "nope"; the goals are previews-ready',
      );
      expect(
        (await send('getGoal', { params: { id: 'nope' }, headers: none }))
          .status,
      ).toBe(401);
    });

    it('exports a history as JSON or CSV (200), and refuses as documented', async () => {
      await send('snapshotGoals');
      const params = { id: 'previews-ready' };
      const json = await send('getGoalHistory', { params });
      expect(json.status).toBe(200);
      expect(json.body.items).toHaveLength(1);
      const csv = await send('getGoalHistory', {
        params,
        query: { format: 'csv', from: '2026-01-01' },
      });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="previews-ready-history.csv"',
      );
      expect(csv.body).toMatch(/^day,value,target,direction,status,onTrack,/);
      const bad = await send('getGoalHistory', {
        params,
        query: { from: '2026-02-30' },
      });
      expect([bad.status, bad.problems.length > 0]).toEqual([400, true]);
      const unknown = await send('getGoalHistory', { params: { id: 'nope' } });
      expect(unknown.status).toBe(404);
      expect(
        (await send('getGoalHistory', { params, headers: none })).status,
      ).toBe(401);
    });

    it('records snapshots (200) for whom the policy lets (403 otherwise)', async () => {
      const taken = await send('snapshotGoals');
      expect(taken.status).toBe(200);
      expect(taken.body.items.map((i: Json) => i.goalId)).toEqual([
        'previews-ready',
      ]);
      expect((await send('snapshotGoals', { headers: none })).status).toBe(401);
      denied.add(goalSnapshotPermission.name);
      const refused = await send('snapshotGoals');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(
        /environments\.goal\.snapshot/,
      );
    });
  });

  // Last, so that it sees what every test above exercised.
  it('saw every documented status of every operation', () => {
    expect(
      documentedAnswers().filter(answer => !exercised.has(answer)),
    ).toEqual([]);
    expect(
      [...exercised].filter(answer => !documentedAnswers().includes(answer)),
    ).toEqual([]);
  });
});
