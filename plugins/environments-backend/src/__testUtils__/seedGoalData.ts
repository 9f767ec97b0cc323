import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestEnvironments } from './createTestEnvironments';

/** The moment the goal tests measure at. */
export const NOW = new Date('2026-12-10T12:00:00.000Z');
export const TEAM_A = 'group:default/checkout-team';
export const TEAM_B = 'group:default/storefront-team';
export const PLATFORM = 'group:default/platform-team';

/** An ISO time `hours` from NOW (negative: before). */
export const at = (hours: number, from = NOW) =>
  new Date(from.getTime() + hours * 3600_000).toISOString();
export const days = (n: number) => n * 24;

/** Classes with prices the cost metric can be checked against. */
export const GOAL_TEST_CLASSES = [
  {
    name: 'dev',
    tier: 'development',
    lifecycle: 'static',
    baseMonthlyCost: 5,
    resources: { double: { target: 'local', monthlyCost: 10 } },
  },
  {
    name: 'prod',
    tier: 'production',
    lifecycle: 'static',
    baseMonthlyCost: 100,
    resources: { double: { target: 'local', monthlyCost: 50 } },
  },
  {
    name: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    ttl: { default: '24h', max: '7d' },
    resources: { double: { target: 'local', monthlyCost: 4 } },
  },
];
/** The columns of a production environment of team B, for `seed.environment`. */
export const PROD = { class: 'prod', tier: 'production', owner: TEAM_B };
export const PREVIEW = {
  class: 'preview',
  tier: 'preview',
  lifecycle: 'ephemeral',
};

/** A goal of `environments.goals` on `metric`, owned by the platform team. */
export const goalConfig = (metric: string, goal: object = {}) => ({
  id: metric,
  title: metric,
  owner: PLATFORM,
  metric,
  target: 50,
  due: '2027-03-31',
  ...goal,
});

type Row = Record<string, unknown>;

/**
 * Writes the service's rows directly, at exact times, so a metric's value over them is
 * known to the decimal. Each call fills in what the test does not care about.
 */
export function seeder(knex: Knex) {
  return {
    async environment(id: string, row: Row = {}) {
      const createdAt = (row.created_at as string) ?? at(-days(20));
      await knex('environments').insert({
        id,
        name: id,
        class: 'dev',
        tier: 'development',
        lifecycle: 'static',
        owner: TEAM_A,
        entity_ref: 'component:default/checkout-api',
        created_by: 'user:default/guest',
        status: 'ready',
        created_at: createdAt,
        updated_at: createdAt,
        ...row,
      });
    },
    async operation(id: string, environmentId: string, row: Row = {}) {
      await knex('operations').insert({
        id,
        environment_id: environmentId,
        type: 'create',
        state: 'succeeded',
        attempts: 1,
        requested_by: 'user:default/guest',
        created_at: at(-days(20)),
        finished_at: at(-days(20) + 1),
        ...row,
      });
    },
    async finding(id: string, environmentId: string, row: Row = {}) {
      await knex('findings').insert({
        id,
        environment_id: environmentId,
        key: id,
        rule: 'postgres.statement-timeout',
        severity: 'high',
        field: 'statementTimeout',
        message: 'The database must have a statement timeout',
        link: '/docs/default/component/platform-guidelines/baselines/#postgres.statement-timeout',
        expected: 'at most 10min',
        observed: 'none',
        detected_at: at(-days(2)),
        resolved_at: null,
        ...row,
      });
    },
    /** An approved exception accepting the rule on the environment's own findings. */
    async exception(environmentId: string, rule: string) {
      await knex('baseline_exceptions').insert({
        id: `x-${environmentId}-${rule}`,
        environment_id: environmentId,
        rule,
        resource_id: '',
        state: 'approved',
        justification: 'the migration needs it for a week',
        until: at(days(7)),
        approvers: PLATFORM,
        requested_by: 'user:default/guest',
        created_at: at(-days(3)),
      });
    },
    /** The approval request a create or update operation waited on. */
    async request(operationId: string, environmentId: string, state: string) {
      await knex('approval_requests').insert({
        id: `r-${operationId}`,
        environment_id: environmentId,
        operation_id: operationId,
        state,
        approvers: PLATFORM,
        reasons: '[]',
        plan: '{}',
        requested_by: 'user:default/guest',
        created_at: at(-days(4)),
        expires_at: at(days(3)),
      });
    },
    async resource(id: string, environmentId: string, row: Row = {}) {
      await knex('resources').insert({
        id,
        environment_id: environmentId,
        type: 'double',
        name: id,
        provider: 'double',
        target: 'local',
        status: 'ready',
        spec: '{}',
        outputs: '{}',
        created_at: at(-days(20)),
        updated_at: at(-days(20)),
        ...row,
      });
    },
    async refusal(id: string, row: Row = {}) {
      await knex('baseline_refusals').insert({
        id,
        operation_type: 'create',
        name: id,
        class: 'dev',
        tier: 'development',
        owner: TEAM_A,
        entity_ref: 'component:default/checkout-api',
        requested_by: 'user:default/guest',
        rules: 'environment.max-resources',
        created_at: at(-days(3)),
        ...row,
      });
    },
  };
}

/** The user the goal tests read as. */
export const guest = mockCredentials.user('user:default/guest');

/**
 * A fresh service on the database with one goal on `metric`, a seeder for its tables,
 * and the goal as `GET /goals/{id}` answers it at NOW.
 */
export async function withGoal(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
  metric: string,
  goal: object = {},
) {
  const knex = await databases.init(databaseId);
  const t = await createTestEnvironments({
    knex,
    classes: GOAL_TEST_CLASSES,
    goals: [goalConfig(metric, goal)],
  });
  const detail = () => t.goals.get(metric, guest, NOW);
  return { ...t, knex, seed: seeder(knex), detail };
}

/** Breakdown rows as `{ key: value }`. */
export const keyed = (rows: Array<{ key: string; value: number | null }>) =>
  Object.fromEntries(rows.map(r => [r.key, r.value]));
