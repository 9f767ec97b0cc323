import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  environmentCreatePermission,
  environmentDeletePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  resourceSecretReadPermission,
} from '@paved/plugin-environments-common';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { Knex } from 'knex';
import { parse } from 'yaml';
import { createRouter } from '../router';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { ProviderDouble } from '../__testUtils__/ProviderDouble';
import { startWithProviderDouble } from '../__testUtils__/startWithProviderDouble';

/*
 * The contract test: every route of the real plugin is called, including its error
 * cases, and each answer is checked against src/schema/openapi.yaml. It also checks the
 * other direction (a request the service accepts must be one the document accepts, and
 * a request the document refuses must be one the service refuses), that the router
 * serves exactly the documented routes, and that every documented status of every
 * operation was seen. Add a route, a field or a status without documenting it, and
 * this fails.
 */

// ---------------------------------------------------------------------------------------
// The document, and checks of requests and answers against it

type Method = 'get' | 'post' | 'delete';
type Json = any; // the parsed document; its shape is checked by the validators below

const SPEC_ID = 'openapi.yaml';
const doc: Json = parse(
  fs.readFileSync(path.resolve(__dirname, 'openapi.yaml'), 'utf8'),
);

// OpenAPI 3.1 schemas are JSON Schema 2020-12. Strict mode turns a misspelt keyword
// (`requried`) into an error instead of a schema that accepts everything.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
});
addFormats(ajv);
// The document's own fields are not schema keywords; schemas are reached by pointer.
ajv.addVocabulary([
  'openapi',
  'info',
  'servers',
  'security',
  'paths',
  'components',
]);
ajv.addSchema(doc, SPEC_ID);

/** The error names each status may carry, as the document's Error schema lists them. */
const ERROR_NAMES: Record<number, string[]> = {
  400: ['InputError', 'SyntaxError'],
  401: ['AuthenticationError'],
  403: ['NotAllowedError'],
  404: ['NotFoundError'],
  409: ['ConflictError'],
  413: ['PayloadTooLargeError'],
};

function toPointer(at: string[]): string {
  return `/${at
    .map(s => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/')}`;
}

function lookup(at: string[]): Json {
  return at.reduce((node, key) => node?.[key], doc);
}

/** Follows an OpenAPI `$ref` (parameters, responses) to where the object really is. */
function resolve(at: string[]): string[] {
  const ref = lookup(at)?.$ref;
  if (typeof ref !== 'string') return at;
  return resolve(
    ref
      .replace(/^#\//, '')
      .split('/')
      .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~')),
  );
}

function validate(at: string[], value: unknown, label: string): string[] {
  const check = ajv.getSchema(`${SPEC_ID}#${toPointer(at)}`);
  if (!check) return [`${label}: no schema at ${toPointer(at)}`];
  if (check(value)) return [];
  return (check.errors ?? []).map(e => {
    const extra = e.params?.additionalProperty
      ? ` (${e.params.additionalProperty})`
      : '';
    return `${label}${e.instancePath} ${e.message}${extra}`;
  });
}

/** Every documented `METHOD /path STATUS`. */
function documentedAnswers(): string[] {
  return Object.entries<Json>(doc.paths).flatMap(([template, item]) =>
    (['get', 'post', 'delete'] as const)
      .filter(method => item[method])
      .flatMap(method =>
        Object.keys(item[method].responses).map(
          status => `${method.toUpperCase()} ${template} ${status}`,
        ),
      ),
  );
}

function parametersOf(method: Method, template: string): string[][] {
  const pathLevel = (lookup(['paths', template, 'parameters']) ??
    []) as unknown[];
  const own = (lookup(['paths', template, method, 'parameters']) ??
    []) as unknown[];
  return [
    ...pathLevel.map((_, i) =>
      resolve(['paths', template, 'parameters', String(i)]),
    ),
    ...own.map((_, i) =>
      resolve(['paths', template, method, 'parameters', String(i)]),
    ),
  ];
}

/** Query strings and headers are text; the document types them. */
function coerce(value: string | string[], schema: Json): unknown {
  if (schema.type === 'array') return ([] as string[]).concat(value);
  if (Array.isArray(value)) return value;
  if (schema.type === 'integer' || schema.type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  if (schema.type === 'boolean') {
    return { true: true, false: false }[value] ?? value;
  }
  return value;
}

interface Call {
  method: Method;
  template: string;
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** The body as the document sees it. */
  body?: unknown;
  /** Sent as JSON text instead of `body`, for bodies JSON.stringify cannot make. */
  raw?: string;
}

/** What in this request the document does not allow. */
function requestProblems(call: Call): string[] {
  const problems: string[] = [];
  const queryNames = new Set<string>();
  for (const at of parametersOf(call.method, call.template)) {
    const parameter = lookup(at);
    if (parameter.in === 'path') continue;
    let value: string | string[] | undefined;
    if (parameter.in === 'query') {
      queryNames.add(parameter.name);
      value = call.query?.[parameter.name];
    } else {
      const name = Object.keys(call.headers ?? {}).find(
        h => h.toLowerCase() === parameter.name.toLowerCase(),
      );
      value = name === undefined ? undefined : call.headers![name];
    }
    if (value === undefined) {
      if (parameter.required) problems.push(`${parameter.name}: required`);
      continue;
    }
    problems.push(
      ...validate(
        [...at, 'schema'],
        coerce(value, parameter.schema),
        parameter.name,
      ),
    );
  }
  for (const name of Object.keys(call.query ?? {})) {
    if (!queryNames.has(name))
      problems.push(`${name}: not a documented parameter`);
  }
  const body = lookup(['paths', call.template, call.method, 'requestBody']);
  if (body && call.body !== undefined) {
    problems.push(
      ...validate(
        [
          'paths',
          call.template,
          call.method,
          'requestBody',
          'content',
          'application/json',
          'schema',
        ],
        call.body,
        'body',
      ),
    );
  } else if (body?.required) {
    problems.push('body: required');
  }
  return problems;
}

/** What in this answer the document does not describe. */
function responseProblems(
  call: Pick<Call, 'method' | 'template'>,
  status: number,
  body: unknown,
  headers: Record<string, string | undefined> = {},
): string[] {
  const label = `${call.method.toUpperCase()} ${call.template} ${status}`;
  const responseAt = [
    'paths',
    call.template,
    call.method,
    'responses',
    String(status),
  ];
  if (!lookup(responseAt)) {
    return [`${label}: the document does not list this status`];
  }
  const at = resolve(responseAt);
  const problems = validate(
    [...at, 'content', 'application/json', 'schema'],
    body,
    label,
  );
  for (const name of Object.keys(lookup([...at, 'headers']) ?? {})) {
    const value = headers[name.toLowerCase()];
    problems.push(
      ...(value === undefined
        ? [`${label}: header ${name} missing`]
        : validate(
            [...at, 'headers', name, 'schema'],
            value,
            `${label} header ${name}`,
          )),
    );
  }
  if (status >= 400) {
    const error = body as {
      error?: { name?: string };
      response?: { statusCode?: number };
    };
    if (error?.response?.statusCode !== status) {
      problems.push(
        `${label}: response.statusCode is ${error?.response?.statusCode}`,
      );
    }
    if (!ERROR_NAMES[status]?.includes(error?.error?.name ?? '')) {
      problems.push(
        `${label}: error.name is ${error?.error?.name}, not ${ERROR_NAMES[status]}`,
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// The plugin under test

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
  },
  {
    name: 'production',
    tier: 'production',
    lifecycle: 'static',
    resources: { double: { target: 'local' } },
  },
];

const BASELINES = '/docs/default/component/platform-guidelines/baselines/#';
const baselines = {
  staging: {
    rules: [
      {
        id: 'environment.cost-budget',
        severity: 'high',
        message: 'Within budget',
        link: `${BASELINES}environment.cost-budget`,
        params: { max: 30 },
      },
      {
        id: 'environment.max-resources',
        severity: 'blocking',
        message: 'Not too many resources',
        link: `${BASELINES}environment.max-resources`,
        params: { max: 2 },
      },
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
      features: [
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
  async function send(call: Call) {
    const url = `/api/environments${call.template.replace(
      /\{(\w+)\}/g,
      (_, key) => encodeURIComponent(call.params![key]),
    )}`;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) {
      for (const v of ([] as string[]).concat(value)) query.append(key, v);
    }
    let req = api[call.method](query.size ? `${url}?${query}` : url);
    for (const [key, value] of Object.entries(call.headers ?? {}))
      req = req.set(key, value);
    if (call.raw !== undefined) req = req.type('json').send(call.raw);
    else if (call.body !== undefined) req = req.send(call.body as object);
    const res = await req;

    expect(responseProblems(call, res.status, res.body, res.headers)).toEqual(
      [],
    );
    const problems = requestProblems(call);
    expect(res.status === 400 ? [] : problems).toEqual([]);
    exercised.add(
      `${call.method.toUpperCase()} ${call.template} ${res.status}`,
    );
    return { status: res.status, body: res.body, problems };
  }

  function uniqueName() {
    names += 1;
    return `env-${names}`;
  }

  async function create(overrides: object = {}) {
    const res = await send({
      method: 'post',
      template: '/environments',
      body: { ...validRequest, name: uniqueName(), ...overrides },
    });
    expect(res.status).toBe(202);
    return res.body as { environment: Json; operation: Json };
  }

  async function waitFor(id: string, status: string) {
    for (let i = 0; i < 200; i++) {
      const res = await send({
        method: 'get',
        template: '/environments/{id}',
        params: { id },
      });
      if (res.body.status === status) return res.body;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`environment ${id} never became ${status}`);
  }

  const none = { Authorization: mockCredentials.none.header() };

  it('parses, and every schema in it compiles', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe('environments');

    for (const name of Object.keys(doc.components.schemas)) {
      expect(
        validate(['components', 'schemas', name], null, name),
      ).not.toContain(expect.stringContaining('no schema'));
    }
    // Every $ref points at something.
    const refs: string[] = [];
    (function walk(node: Json) {
      if (node && typeof node === 'object') {
        if (typeof node.$ref === 'string') refs.push(node.$ref);
        Object.values(node).forEach(walk);
      }
    })(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      expect([ref, lookup(resolve(ref.slice(2).split('/')))]).toEqual([
        ref,
        expect.any(Object),
      ]);
    }
    const ids = Object.values<Json>(doc.paths).flatMap(item =>
      ['get', 'post', 'delete']
        .filter(m => item[m])
        .map(m => item[m].operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents exactly the routes the router serves', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      environments: {} as EnvironmentsService,
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
    const post = (body: unknown, extra: Partial<Call> = {}) =>
      send({ method: 'post', template: '/environments', body, ...extra });

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
      const staging = { ...validRequest, class: 'staging', ttl: undefined, resources: two };
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
      expect(
        (await post({ ...validRequest, name: uniqueName() }, { headers }))
          .status,
      ).toBe(202);
      const reused = await post(
        { ...validRequest, name: uniqueName() },
        { headers },
      );
      expect(reused.status).toBe(409);
      expect(reused.body.error.message).toMatch(/^Idempotency-Key: /);
    });

    // `document`: a rule the document states too, so it must refuse the request as well.
    // `service`: a rule only the service can check (config, catalog, provider).
    it.each<
      [string, object, Record<string, string>, 'document' | 'service', RegExp]
    >([
      [
        'a name that is not a DNS label',
        { name: 'PR_42' },
        {},
        'document',
        /^name: must be a DNS label/,
      ],
      [
        'a name over 30 characters',
        { name: `p${'r'.repeat(30)}` },
        {},
        'document',
        /^name: must be at most 30/,
      ],
      [
        'a resource name over 16 characters',
        { resources: [{ type: 'double', name: 'r'.repeat(17) }] },
        {},
        'document',
        /resources\.0\.name: must be at most 16/,
      ],
      [
        'an owner that is not a group',
        { owner: 'user:default/mock' },
        {},
        'document',
        /^owner: must be a group entity ref/,
      ],
      [
        'an entityRef that is not a component or system',
        { entityRef: 'resource:default/db' },
        {},
        'document',
        /^entityRef: must be a component or system/,
      ],
      [
        'a TTL that is not a duration',
        { ttl: 'forever' },
        {},
        'document',
        /^ttl: must be a duration/,
      ],
      [
        'an unknown field',
        { colour: 'blue' },
        {},
        'document',
        /Unrecognized key/,
      ],
      ['a missing class', { class: undefined }, {}, 'document', /^class: /],
      [
        'an empty resource type',
        { resources: [{ type: '', name: 'main' }] },
        {},
        'document',
        /resources\.0\.type: must name a resource type/,
      ],
      [
        'more than 20 resources',
        {
          resources: Array.from({ length: 21 }, (_, i) => ({
            type: 'double',
            name: `r${i}`,
          })),
        },
        {},
        'document',
        /^resources: /,
      ],
      [
        'a spec that is not an object',
        { resources: [{ type: 'double', name: 'main', spec: [1] }] },
        {},
        'document',
        /resources\.0\.spec: /,
      ],
      [
        'an Idempotency-Key over 255 characters',
        {},
        { 'Idempotency-Key': 'k'.repeat(256) },
        'document',
        /^Idempotency-Key: must be at most 255/,
      ],
      [
        'an unknown class',
        { class: 'gold' },
        {},
        'service',
        /^class: there is no class named "gold"/,
      ],
      [
        'a resource type the class does not allow',
        { resources: [{ type: 'redis', name: 'cache' }] },
        {},
        'service',
        /^resources\[0\]\.type: /,
      ],
      [
        'a resource name used twice',
        {
          resources: [
            { type: 'double', name: 'a' },
            { type: 'double', name: 'a' },
          ],
        },
        {},
        'service',
        /^resources\[1\]\.name: "a" is used twice/,
      ],
      [
        'a TTL over the class maximum',
        { ttl: '8d' },
        {},
        'service',
        /^ttl: 8d is longer than the preview class allows/,
      ],
      [
        'a TTL on a static class',
        { class: 'staging' },
        {},
        'service',
        /^ttl: the staging class is static/,
      ],
      [
        'an entity that is not in the catalog',
        { entityRef: 'component:default/nope' },
        {},
        'service',
        /^entityRef: .* is not in the catalog/,
      ],
      [
        'a spec the provider refuses',
        {
          resources: [{ type: 'double', name: 'main', spec: { size: 'big' } }],
        },
        {},
        'service',
        /^resources\[0\]\.spec\.size: must be a number/,
      ],
    ])('refuses %s (400)', async (_, change, headers, rule, message) => {
      const res = await post(
        { ...validRequest, name: uniqueName(), ...change },
        { headers },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      // The document refuses exactly the requests that break a rule it states.
      expect(res.problems.length > 0 ? 'document' : 'service').toBe(rule);
    });

    it('refuses a body that is not JSON (400) or over 100 kB (413)', async () => {
      const broken = await post(undefined, { raw: '{"name":' });
      expect([broken.status, broken.body.error.name]).toEqual([
        400,
        'SyntaxError',
      ]);
      const big = { ...validRequest, name: uniqueName() };
      big.resources = [
        {
          type: 'double',
          name: 'main',
          spec: { notes: 'x'.repeat(200_000) } as any,
        },
      ];
      expect((await post(big)).status).toBe(413);
    });

    it('answers 401 without a token and 403 when the policy says no', async () => {
      expect(
        (await post({ ...validRequest, name: uniqueName() }, { headers: none }))
          .status,
      ).toBe(401);
      denied.add(environmentCreatePermission.name);
      const res = await post({ ...validRequest, name: uniqueName() });
      expect(res.status).toBe(403);
    });
  });

  describe('GET /environments', () => {
    const list = (
      query: Record<string, string | string[]>,
      headers?: Record<string, string>,
    ) => send({ method: 'get', template: '/environments', query, headers });

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
    it.each(['/environments/{id}', '/environments/{id}/operations'])(
      '%s answers 200, 404 and 401',
      async template => {
        const { environment } = await create();
        const get = (id: string, headers?: Record<string, string>) =>
          send({ method: 'get', template, params: { id }, headers });
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
    const add = (id: string, body: unknown, headers?: Record<string, string>) =>
      send({
        method: 'post',
        template: '/environments/{id}/resources',
        params: { id },
        body,
        headers,
      });

    it('adds (202), and refuses as documented', async () => {
      const { environment } = await create();
      const added = await add(environment.id, {
        resources: [{ type: 'double', name: 'cache', spec: {} }],
      });
      expect(added.status).toBe(202);
      expect(added.body.operation).toMatchObject({ type: 'update', state: 'queued' });

      // Staging allows two resources, and 30 a month: the second warns, a third is refused.
      const { environment: staged } = await create({ class: 'staging', ttl: undefined });
      const second = await add(staged.id, { resources: [{ type: 'double', name: 'b' }] });
      expect(second.status).toBe(202);
      expect(second.body.warnings.map((w: Json) => w.rule)).toEqual(['environment.cost-budget']);
      const third = await add(staged.id, { resources: [{ type: 'double', name: 'c' }] });
      expect(third.status).toBe(400);
      expect(third.body.error.message).toMatch(/environment\.max-resources/);

      for (const body of [{ resources: [] }, {}, { resources: [{ type: 'double' }] }]) {
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

      const padded = await send({
        method: 'post',
        template: '/environments/{id}/resources',
        params: { id: environment.id },
        body: { resources: [{ type: 'double', name: 'big' }] },
        raw: `{"resources":[{"type":"double","name":"big"}]${' '.repeat(200_000)}}`,
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
    ) =>
      send({
        method: 'post',
        template: '/environments/{id}/extend',
        params: { id },
        body,
        headers,
      });

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

      const padded = await send({
        method: 'post',
        template: '/environments/{id}/extend',
        params: { id: environment.id },
        body: { ttl: '1d' },
        raw: `{"ttl":"1d"${' '.repeat(200_000)}}`,
      });
      expect(padded.status).toBe(413);

      expect((await extend('no-such-id', { ttl: '1d' })).status).toBe(404);
      expect((await extend(environment.id, { ttl: '1d' }, none)).status).toBe(
        401,
      );
      denied.add(environmentUpdatePermission.name);
      expect((await extend(environment.id, { ttl: '1d' })).status).toBe(403);
      denied.clear();

      await send({
        method: 'delete',
        template: '/environments/{id}',
        params: { id: environment.id },
      });
      const gone = await extend(environment.id, { ttl: '1d' });
      expect(gone.status).toBe(409);
    });
  });

  describe('POST /environments/{id}/retry', () => {
    const retry = (id: string, headers?: Record<string, string>) =>
      send({
        method: 'post',
        template: '/environments/{id}/retry',
        params: { id },
        headers,
      });

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
      expect(retried.body.operation).toMatchObject({ type: 'update', state: 'queued' });
      expect(retried.body.environment.activeOperation.id).toBe(retried.body.operation.id);
      const ready = await waitFor(environment.id, 'ready');
      expect(ready.activeOperation).toBeUndefined();

      const notFailed = await retry(environment.id);
      expect(notFailed.status).toBe(409);
      expect(notFailed.body.error.message).toMatch(/is ready; only a failed environment/);
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

      const own = await send({
        method: 'get',
        template: '/environments/{id}/findings',
        params: { id: environment.id },
      });
      expect(own.status).toBe(200);
      expect(own.body.items.map((f: Json) => [f.rule, f.resourceName, f.resolvedAt !== undefined])).toEqual(
        expect.arrayContaining([
          ['postgres.connection-limit', 'main', false],
          ['environment.name-pattern', undefined, true],
        ]),
      );
      // The card's conformance line and the page's filter.
      const one = await send({ method: 'get', template: '/environments/{id}', params: { id: environment.id } });
      expect(one.body.openFindings).toBe(1);
      expect(one.body.openFindingsBySeverity).toEqual({ high: 1 });
      const list = (query: Record<string, string>) =>
        send({ method: 'get', template: '/environments', query: { limit: '500', ...query } });
      const withFindings = await list({ hasFindings: 'true' });
      expect(withFindings.status).toBe(200);
      expect(withFindings.body.items.map((e: Json) => [e.id, e.openFindings])).toContainEqual([environment.id, 1]);
      expect(withFindings.body.items.every((e: Json) => e.openFindings >= 1)).toBe(true);
      const without = await list({ hasFindings: 'false' });
      expect(without.body.items.map((e: Json) => e.id)).not.toContain(environment.id);

      const get = (query: Record<string, string | string[]>, headers?: Record<string, string>) =>
        send({ method: 'get', template: '/findings', query, headers });
      const open = await get({ entityRef: validRequest.entityRef, state: 'open', severity: 'high' });
      expect(open.status).toBe(200);
      expect(open.body.items.map((f: Json) => f.id)).toContain(`open-${environment.id}`);
      expect(open.body.items.every((f: Json) => !f.resolvedAt && f.severity === 'high')).toBe(true);
      const resolved = await get({ state: 'resolved' });
      expect(resolved.body.items.map((f: Json) => f.id)).toContain(`resolved-${environment.id}`);
      expect((await get({ entityRef: 'component:default/elsewhere' })).body.items).toEqual([]);

      const bad = await get({ state: 'closed' });
      expect([bad.status, bad.problems.length > 0]).toEqual([400, true]);
      expect((await get({}, none)).status).toBe(401);
      denied.add(environmentReadPermission.name);
      expect((await get({})).body.items).toEqual([]);
      denied.clear();
      const missing = { method: 'get' as const, template: '/environments/{id}/findings' };
      expect((await send({ ...missing, params: { id: 'no-such-id' } })).status).toBe(404);
      expect((await send({ ...missing, params: { id: environment.id }, headers: none })).status).toBe(401);
    });
  });

  describe('GET /classes', () => {
    it('lists the configured classes (200), and refuses as documented', async () => {
      const res = await send({ method: 'get', template: '/classes' });
      expect(res.status).toBe(200);
      expect(res.body.items.find((c: Json) => c.name === 'preview')).toMatchObject({
        tier: 'preview',
        lifecycle: 'ephemeral',
        resourceTypes: ['double'],
      });
      const unauthenticated = await send({
        method: 'get',
        template: '/classes',
        headers: none,
      });
      expect(unauthenticated.status).toBe(401);
    });
  });

  describe('DELETE /environments/{id}', () => {
    const destroy = (
      id: string,
      query?: Record<string, string>,
      headers?: Record<string, string>,
    ) =>
      send({
        method: 'delete',
        template: '/environments/{id}',
        params: { id },
        query,
        headers,
      });

    it('destroys (202), again without doing anything new, and refuses as documented', async () => {
      const { environment } = await create({
        class: 'production',
        ttl: undefined,
      });
      const unconfirmed = await destroy(environment.id);
      expect([unconfirmed.status, unconfirmed.problems]).toEqual([400, []]);
      expect(unconfirmed.body.error.message).toMatch(/^confirm: /);
      expect((await destroy('no-such-id')).status).toBe(404);
      expect(
        (await destroy(environment.id, { confirm: environment.name }, none))
          .status,
      ).toBe(401);
      denied.add(environmentDeletePermission.name);
      expect(
        (await destroy(environment.id, { confirm: environment.name })).status,
      ).toBe(403);
      denied.clear();

      const first = await destroy(environment.id, {
        confirm: environment.name,
      });
      expect(first.status).toBe(202);
      expect(first.body.operation.type).toBe('destroy');
      const again = await destroy(environment.id, {
        confirm: environment.name,
      });
      expect(again.body.operation.id).toBe(first.body.operation.id);
    });
  });

  describe('GET /resources/{id}/secret', () => {
    const reveal = (id: string, headers?: Record<string, string>) =>
      send({
        method: 'get',
        template: '/resources/{id}/secret',
        params: { id },
        headers,
      });

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

  describe('the checks themselves', () => {
    const getOne = { method: 'get', template: '/environments/{id}' } as const;
    const environment = {
      id: 'e1',
      name: 'pr-1',
      class: 'preview',
      tier: 'preview',
      lifecycle: 'ephemeral',
      status: 'ready',
      owner: 'group:default/checkout-team',
      entityRef: 'component:default/checkout-api',
      createdBy: 'user:default/mock',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      resources: [],
      estimatedMonthlyCost: { amount: 0, currency: 'USD' },
    };

    it('accept a body that is right', () => {
      expect(responseProblems(getOne, 200, environment)).toEqual([]);
    });

    it('report a missing required field, an extra field and a wrong value', () => {
      const { status: _, ...withoutStatus } = environment;
      expect(responseProblems(getOne, 200, withoutStatus)).toEqual([
        "GET /environments/{id} 200 must have required property 'status'",
      ]);
      expect(
        responseProblems(getOne, 200, { ...environment, secret: 'x' }),
      ).toEqual([
        'GET /environments/{id} 200 must NOT have additional properties (secret)',
      ]);
      expect(
        responseProblems(getOne, 200, {
          ...environment,
          createdAt: 'yesterday',
        }),
      ).toEqual([
        'GET /environments/{id} 200/createdAt must match format "date-time"',
      ]);
    });

    it('report a status the document does not list, and a wrong error body', () => {
      expect(responseProblems(getOne, 409, {})).toEqual([
        'GET /environments/{id} 409: the document does not list this status',
      ]);
      expect(
        responseProblems(getOne, 404, {
          error: { name: 'Error', message: 'x' },
          response: { statusCode: 500 },
        }),
      ).toEqual([
        'GET /environments/{id} 404: response.statusCode is 500',
        'GET /environments/{id} 404: error.name is Error, not NotFoundError',
      ]);
      expect(
        responseProblems(
          { method: 'get', template: '/resources/{id}/secret' },
          200,
          {
            connectionString: 'x',
          },
        ),
      ).toEqual([
        'GET /resources/{id}/secret 200: header Cache-Control missing',
      ]);
    });

    it('report a request the document refuses', () => {
      expect(
        requestProblems({
          method: 'get',
          template: '/environments',
          query: { limit: '0' },
        }),
      ).toEqual(['limit must be >= 1']);
      expect(
        requestProblems({
          method: 'post',
          template: '/environments/{id}/extend',
          params: { id: 'e1' },
        }),
      ).toEqual(['body: required']);
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
