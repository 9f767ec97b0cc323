import { postgresBaselineRules } from '@paved/plugin-environments-backend-module-postgres';
import {
  Baseline,
  BaselineRule,
  BaselineRuleRegistry,
  blocking,
  checkEnvironment,
  checkObservation,
  checkRequest,
  CORE_BASELINE_RULES,
  DesiredEnvironment,
  RuleId,
  RuleSeverity,
} from '.';

// The PostgreSQL provider's rules are the real ones to check resources with.
const registry = new BaselineRuleRegistry([
  { source: 'the postgres provider', rules: postgresBaselineRules },
  { source: 'the environments backend', rules: CORE_BASELINE_RULES },
]);

function baseline(rules: Array<[RuleId, RuleSeverity, object?]>): Baseline {
  return new Baseline(
    'fixture',
    new Map(
      rules.map(([id, severity, params]) => [
        id,
        {
          id,
          severity,
          message: `${id} message`,
          link: `/docs/baselines/#${id}`,
          params: registry.get(id)!.params.parse(params ?? {}),
        } as BaselineRule,
      ]),
    ),
    registry,
  );
}

const all = baseline([
  ['postgres.connection-limit', 'blocking', { min: 2, max: 100 }],
  ['postgres.statement-timeout', 'high', { max: '5min' }],
  ['postgres.owner-privileges', 'high'],
  ['postgres.database-owner', 'high'],
  ['postgres.extensions', 'low', { allow: ['pgcrypto'] }],
  ['resource.exists', 'high'],
  ['environment.ttl', 'blocking'],
  ['environment.owner-is-group', 'blocking'],
  ['environment.name-pattern', 'low', { pattern: '^pr-[0-9]+$' }],
  ['environment.max-resources', 'blocking', { max: 2 }],
  ['environment.cost-budget', 'high', { max: 50 }],
]);

const environment: DesiredEnvironment = {
  name: 'pr-1',
  tier: 'preview',
  lifecycle: 'ephemeral',
  owner: 'group:default/checkout-team',
  expiresAt: '2026-11-27T00:00:00.000Z',
  resourceCount: 1,
  monthlyCost: 4,
};

const database = {
  id: 'r1',
  type: 'postgres-database',
  name: 'main',
  field: 'resources[0]',
  spec: { connectionLimit: 10, statementTimeout: '30s' },
};

const healthy = {
  connectionLimit: 10,
  statementTimeout: '30s',
  owner: 'paved_r1',
  expectedOwner: 'paved_r1',
  ownerIsSuperuser: false,
  ownerCanCreateRole: false,
  ownerCanCreateDb: false,
  extensions: ['pgcrypto'],
};

const summary = (found: ReturnType<typeof checkEnvironment>) =>
  found.map(v => [v.rule, v.field, v.expected, v.observed]);

describe('checkRequest', () => {
  it('passes a request that meets every rule', () => {
    expect(checkRequest(all, environment, [database])).toEqual([]);
  });

  it.each([
    ['environment.ttl (ephemeral without expiry)', { expiresAt: undefined }, ['environment.ttl', 'ttl', 'an expiry', 'none']],
    ['environment.ttl (static with expiry)', { lifecycle: 'static' as const }, ['environment.ttl', 'ttl', 'no expiry', environment.expiresAt]],
    ['environment.owner-is-group', { owner: 'user:default/jane' }, ['environment.owner-is-group', 'owner', 'a group (group:…)', 'user:default/jane']],
    ['environment.name-pattern', { name: 'scratch' }, ['environment.name-pattern', 'name', 'matching ^pr-[0-9]+$', 'scratch']],
    ['environment.max-resources', { resourceCount: 3 }, ['environment.max-resources', 'resources', 'at most 2', '3']],
    ['environment.cost-budget', { monthlyCost: 50.5 }, ['environment.cost-budget', 'estimatedMonthlyCost', 'at most 50', '50.5']],
  ])('finds %s', (_, change, expected) => {
    expect(summary(checkEnvironment(all, { ...environment, ...change }))).toEqual([expected]);
  });

  it.each([
    ['a connection limit over the range', { connectionLimit: 500 }, ['postgres.connection-limit', 'resources[0].spec.connectionLimit', '2–100', '500']],
    ['a connection limit under the range', { connectionLimit: 1 }, ['postgres.connection-limit', 'resources[0].spec.connectionLimit', '2–100', '1']],
    ['a statement timeout over the max', { statementTimeout: '10min' }, ['postgres.statement-timeout', 'resources[0].spec.statementTimeout', 'at most 5min', '10min']],
    ['no statement timeout', { statementTimeout: undefined }, ['postgres.statement-timeout', 'resources[0].spec.statementTimeout', 'at most 5min', 'not set']],
    ['an extension off the allow-list', { extensions: ['pgcrypto', 'plperlu'] }, ['postgres.extensions', 'resources[0].spec.extensions', 'only pgcrypto', 'plperlu']],
  ])('finds %s in a requested spec', (_, spec, expected) => {
    const resource = { ...database, spec: JSON.parse(JSON.stringify({ ...database.spec, ...spec })) };
    expect(summary(checkRequest(all, environment, [resource]))).toEqual([expected]);
  });

  it('lists every broken rule, and tells the blocking ones apart', () => {
    const found = checkRequest(
      all,
      { ...environment, owner: 'user:default/jane', monthlyCost: 99 },
      [{ ...database, spec: { connectionLimit: 100000, statementTimeout: '1h' } }],
    );
    expect(found.map(v => v.rule)).toEqual([
      'environment.owner-is-group',
      'environment.cost-budget',
      'postgres.connection-limit',
      'postgres.statement-timeout',
    ]);
    expect(blocking(found).map(v => [v.rule, v.link, v.message])).toEqual([
      ['environment.owner-is-group', '/docs/baselines/#environment.owner-is-group', 'environment.owner-is-group message'],
      ['postgres.connection-limit', '/docs/baselines/#postgres.connection-limit', 'postgres.connection-limit message'],
    ]);
  });

  it('checks nothing a baseline does not hold', () => {
    expect(
      checkRequest(baseline([]), { ...environment, owner: 'user:default/jane' }, [
        { ...database, spec: { connectionLimit: 100000 } },
      ]),
    ).toEqual([]);
  });
});

describe('checkObservation', () => {
  const observe = (observed: object, exists = true) =>
    summary(checkObservation(all, database, { resourceId: 'r1', exists, observed: { ...healthy, ...observed } as any }));

  it('passes a resource as it was provisioned', () => {
    expect(observe({})).toEqual([]);
  });

  it.each([
    ['a dropped database', { roleExists: true }, false, ['resource.exists', 'exists', 'exists', 'missing']],
    ['ALTER DATABASE … CONNECTION LIMIT within the range but not as desired', { connectionLimit: 50 }, true, ['postgres.connection-limit', 'connectionLimit', '10 (2–100)', '50']],
    ['an unlimited connection limit', { connectionLimit: -1 }, true, ['postgres.connection-limit', 'connectionLimit', '10 (2–100)', 'unlimited']],
    ['a reset statement timeout', { statementTimeout: null }, true, ['postgres.statement-timeout', 'statementTimeout', '30s (at most 5min)', 'not set']],
    ['a statement timeout over the max', { statementTimeout: '1h' }, true, ['postgres.statement-timeout', 'statementTimeout', '30s (at most 5min)', '1h']],
    ['a statement timeout changed within the max', { statementTimeout: '1min' }, true, ['postgres.statement-timeout', 'statementTimeout', '30s (at most 5min)', '1min']],
    ['ALTER ROLE … SUPERUSER', { ownerIsSuperuser: true, ownerCanCreateDb: true }, true, ['postgres.owner-privileges', 'owner', 'NOSUPERUSER NOCREATEROLE NOCREATEDB', 'SUPERUSER CREATEDB']],
    ['a database given to another role', { owner: 'postgres' }, true, ['postgres.database-owner', 'owner', 'paved_r1', 'postgres']],
    ['an extension off the allow-list', { extensions: ['pgcrypto', 'dblink'] }, true, ['postgres.extensions', 'extensions', 'only pgcrypto', 'dblink']],
  ])('finds %s', (_, observed, exists, expected) => {
    expect(observe(observed, exists as boolean)).toEqual([expected]);
  });

  it('says 30000ms and 30s are the same timeout', () => {
    expect(observe({ statementTimeout: '30000' })).toEqual([]);
  });

  it('says why owner privileges cannot be restored only when none of them can', () => {
    const check = (observed: object, cannotRestore: Record<string, string>) =>
      checkObservation(all, database, {
        resourceId: 'r1',
        exists: true,
        observed: { ...healthy, ...observed } as any,
        cannotRestore,
      }).map(v => v.cannotRestore);
    const superuser = 'Needs a superuser: run ALTER ROLE "paved_r1" NOSUPERUSER NOCREATEROLE NOCREATEDB;';
    expect(check({ ownerIsSuperuser: true, ownerCanCreateDb: true }, { ownerIsSuperuser: superuser, ownerCanCreateDb: superuser })).toEqual([superuser]);
    // CREATEROLE a restore can still take away: restore first, explain what is left after.
    expect(check({ ownerIsSuperuser: false, ownerCanCreateRole: true, ownerCanCreateDb: true }, { ownerCanCreateDb: 'No CREATEDB.' })).toEqual([undefined]);
    expect(check({ ownerIsSuperuser: false, ownerCanCreateDb: true }, { ownerCanCreateDb: 'No CREATEDB.' })).toEqual(['No CREATEDB.']);
  });

  it('names the resource of each finding', () => {
    const [found] = checkObservation(all, database, { resourceId: 'r1', exists: false, observed: {} });
    expect(found).toMatchObject({ resourceId: 'r1', severity: 'high', link: '/docs/baselines/#resource.exists' });
  });
});
