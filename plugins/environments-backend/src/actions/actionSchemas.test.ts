import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import request from 'supertest';
import { z } from 'zod';
import { environmentActions } from './registerEnvironmentActions';
import { connectMcp, McpSession } from './__testUtils__/mcpSession';
import { people } from './__testUtils__/ownersPolicy';
import { startWithMcp } from './__testUtils__/startWithMcp';

const classes = [
  {
    name: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    ttl: { default: '24h', max: '7d' },
    resources: { double: { target: 'local', monthlyCost: 4 } },
  },
];

/** JSON Schema without what only one of the two writers emits. */
function comparable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(comparable);
  if (!node || typeof node !== 'object') return node;
  const { $schema, examples, propertyNames, ...rest } = node as any;
  if (rest.format === 'date-time') delete rest.pattern;
  return Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, comparable(v)]),
  );
}

const asked = {
  name: 'pr-7',
  class: 'preview',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  resources: [{ type: 'double', name: 'main' }],
};

describe('environments actions: schemas', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let ada: McpSession;
  let server: Server;

  beforeAll(async () => {
    ({ server } = await startWithMcp({
      knex: await databases.init('SQLITE_3'),
      classes,
    }));
    ada = await connectMcp(server, people.ada.ref);
  });

  afterAll(() => ada.close());

  it('lists every action as a tool, with its attributes and its described fields', async () => {
    const { tools } = await ada.client.listTools();
    const byName = Object.fromEntries(tools.map(t => [t.name, t]));
    expect(
      Object.fromEntries(
        tools.map(t => [
          t.name,
          [
            t.annotations?.readOnlyHint,
            t.annotations?.destructiveHint,
            t.annotations?.idempotentHint,
          ],
        ]),
      ),
    ).toEqual({
      // [readOnly, destructive, idempotent]
      'environments.list-environments': [true, false, true],
      'environments.get-environment': [true, false, true],
      'environments.plan-environment': [true, false, true],
      'environments.create-environment': [false, false, true],
      'environments.extend-environment': [false, false, false],
      'environments.destroy-environment': [false, true, true],
      'environments.list-findings': [true, false, true],
    });
    const create = byName['environments.create-environment'].inputSchema as any;
    expect(create.required).toEqual(['name', 'class', 'owner', 'entityRef']);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.name).toMatchObject({
      type: 'string',
      maxLength: 30,
      description: 'A DNS label of at most 30 characters.',
    });
    expect(create.properties.resources.items.properties.name.maxLength).toBe(
      16,
    );
    expect(create.properties.idempotencyKey.description).toMatch(
      /derived from the request/,
    );
    const list = byName['environments.list-environments'].inputSchema as any;
    expect(list.properties.tier.enum).toEqual([
      'production',
      'staging',
      'development',
      'preview',
    ]);
    expect(list.properties.limit).toMatchObject({
      type: 'integer',
      default: 20,
      maximum: 100,
    });
  });

  it('describes each action to the registry as the API schemas do', async () => {
    const { body } = await request(server)
      .get('/api/environments/.backstage/actions/v1/actions')
      .set('Authorization', mockCredentials.user.header(people.ada.ref))
      .expect(200);
    const actions = environmentActions({} as any);
    expect(body.actions.map((a: any) => a.id)).toEqual(
      actions.map(a => `environments:${a.name}`),
    );
    for (const action of actions) {
      const listed = body.actions.find(
        (a: any) => a.id === `environments:${action.name}`,
      );
      for (const io of ['input', 'output'] as const) {
        expect(comparable(listed.schema[io])).toEqual(
          comparable(z.toJSONSchema(action[io], { io })),
        );
      }
      expect(listed.examples).toEqual(action.examples);
    }
  });

  it.each([
    [
      'list-environments',
      { tier: 'prod' },
      /^InputError: tier: Invalid option/,
    ],
    [
      'list-environments',
      { limit: 500 },
      /^InputError: limit: must be at most 100/,
    ],
    [
      'list-environments',
      { cursor: 'next' },
      /^InputError: cursor: must be a cursor from an earlier page/,
    ],
    [
      'list-environments',
      { entityRefs: ['user:default/ada'] },
      /^InputError: entityRefs\.0: must be a component or system entity ref/,
    ],
    [
      'list-environments',
      { colour: 'blue' },
      /^InputError: \(body\): Unrecognized key: "colour"/,
    ],
    [
      'get-environment',
      {},
      /^InputError: id: Invalid input: expected string, received undefined/,
    ],
    [
      'plan-environment',
      { ...asked, name: 'PR_7' },
      /^InputError: name: must be a DNS label/,
    ],
    [
      'plan-environment',
      { ...asked, ttl: 'a week' },
      /^InputError: ttl: must be a duration such as 30m, 4h or 7d/,
    ],
    [
      'create-environment',
      { ...asked, owner: 'checkout-team' },
      /^InputError: owner: must be a group entity ref/,
    ],
    [
      'create-environment',
      { ...asked, resources: [{ type: 'double', name: 'r'.repeat(17) }] },
      /^InputError: resources\.0\.name: must be at most 16 characters/,
    ],
    [
      'create-environment',
      { ...asked, idempotencyKey: '' },
      /^InputError: idempotencyKey: must not be empty/,
    ],
    [
      'extend-environment',
      { id: 'e-1', ttl: '3 weeks' },
      /^InputError: ttl: must be a duration/,
    ],
    [
      'destroy-environment',
      { confirm: 'pr-7' },
      /^InputError: id: Invalid input: expected string/,
    ],
    [
      'list-findings',
      { severity: 'critical' },
      /^InputError: severity: Invalid option/,
    ],
    [
      'list-findings',
      { state: 'closed' },
      /^InputError: state: Invalid option/,
    ],
  ])('%s refuses %j naming the field', async (action, args, message) => {
    const answer = await ada.call(action, args);
    expect(answer).toEqual({
      ok: false,
      error: expect.stringMatching(message),
    });
  });

  it('refuses what the service refuses, in its words', async () => {
    expect(
      await ada.call('plan-environment', { ...asked, class: 'gold' }),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^InputError: class: there is no class named "gold"/,
      ),
    });
    expect(await ada.call('get-environment', { id: 'no-such-id' })).toEqual({
      ok: false,
      error: 'NotFoundError: No environment with id no-such-id',
    });
  });
});
