/*
 * The data, goals and floors of bench/goals.ts. The data is made in PostgreSQL itself
 * (INSERT … SELECT over generate_series), the same on every run for the same `now`.
 */
import { Client, QueryConfig } from 'pg';

const team = (n: number) => `group:default/goal-owner-${n}`;

/** One goal per metric, each with an owner of its own, so `?group=` picks out one. */
export const GOALS = [
  {
    metric: 'baseline-conformance',
    scope: { tier: 'production' },
    target: 100,
  },
  { metric: 'drift-time-to-resolve', target: 24 },
  { metric: 'provisioning-lead-time', scope: { class: 'dev' }, target: 0.25 },
  { metric: 'operation-success', target: 99 },
  { metric: 'ephemeral-hygiene', scope: { class: 'preview' }, target: 95 },
  { metric: 'self-service-share', target: 80 },
  { metric: 'cost-against-budget', target: 500_000 },
].map((goal, i) => ({
  id: goal.metric,
  title: goal.metric,
  owner: team(i),
  due: '2027-12-31',
  ...goal,
}));

/** The window's bounds for a query whose one parameter is now. */
const WINDOW = `>= $1::timestamptz - interval '30 days' and %s <= $1::timestamptz`;
const within = (column: string) => `${column} ${WINDOW.replace('%s', column)}`;

/**
 * The simplest hand-written query over the same rows for each metric, computing the
 * goal's statistic as docs/goals.md defines it, in one statement.
 */
export const FLOORS: Record<string, (now: string) => QueryConfig> = {
  'baseline-conformance': () => ({
    text: `select round(100.0 * count(*) filter (where not exists (
        select 1 from findings f left join baseline_exceptions x on x.environment_id = f.environment_id
          and x.rule = f.rule and x.resource_id = coalesce(f.resource_id, '') and x.state = 'approved'
        where f.environment_id = e.id and f.resolved_at is null and f.severity in ('high', 'blocking') and x.id is null
      )) / nullif(count(*), 0), 2) as value
      from environments e where e.status in ('ready', 'degraded') and e.tier = 'production'`,
  }),
  'drift-time-to-resolve': now => ({
    text: `select round(percentile_cont(0.9) within group (
        order by extract(epoch from (f.resolved_at - f.detected_at)) / 3600.0)::numeric, 2) as value
      from findings f join environments e on e.id = f.environment_id
      where f.severity in ('high', 'blocking') and ${within('f.resolved_at')}`,
    values: [now],
  }),
  'provisioning-lead-time': now => ({
    text: `select round(percentile_cont(0.9) within group (order by t.hours)::numeric, 2) as value from (
        select extract(epoch from ((select min(o.finished_at) from operations o where o.environment_id = e.id
          and o.state = 'succeeded' and o.type in ('create', 'update')) - e.created_at)) / 3600.0 as hours
        from environments e join operations c on c.environment_id = e.id and c.type = 'create'
        left join approval_requests ar on ar.operation_id = c.id
        where e.class = 'dev' and ${within('e.created_at')}
          and (ar.id is null or ar.state in ('approved', 'pending'))
      ) t`,
    values: [now],
  }),
  'operation-success': now => ({
    text: `select round(100.0 * sum(t.ok) / nullif(sum(t.n), 0), 2) as value from (
        select count(*) filter (where o.state = 'succeeded') as ok, count(*) as n
        from operations o join environments e on e.id = o.environment_id
        left join approval_requests ar on ar.operation_id = o.id
        where o.type in ('create', 'update', 'destroy') and o.state in ('succeeded', 'failed')
          and ${within(
            'o.finished_at',
          )} and (ar.id is null or ar.state <> 'withdrawn')
        union all
        select 0, count(*) from baseline_refusals r where ${within(
          'r.created_at',
        )}
      ) t`,
    values: [now],
  }),
  'ephemeral-hygiene': now => ({
    text: `select round(100.0 * count(*) filter (where e.destroyed_at is not null and not exists (
        select 1 from operations d where d.environment_id = e.id and d.type = 'destroy'
          and (d.state = 'failed' or d.attempts > 1)
      )) / nullif(count(*), 0), 2) as value
      from environments e where e.lifecycle = 'ephemeral' and e.class = 'preview' and ${within(
        'e.expires_at',
      )}`,
    values: [now],
  }),
  'self-service-share': now => ({
    text: `select round(100.0 * count(c.scaffolder_task_id) / nullif(count(*), 0), 2) as value
      from environments e join operations c on c.environment_id = e.id and c.type = 'create'
      where ${within('e.created_at')}`,
    values: [now],
  }),
  'cost-against-budget': () => ({
    text: `select round(sum(case e.class when 'dev' then 5 when 'prod' then 100 else 0 end
        + coalesce(r.n, 0) * 15)::numeric, 2) as value
      from environments e left join (
        select environment_id, count(*) as n from resources where status <> 'destroyed' group by environment_id
      ) r on r.environment_id = e.id
      where e.status in ('provisioning', 'ready', 'degraded', 'failed', 'destroying')`,
  }),
};

/**
 * 60% previews (24 hours, most destroyed at expiry, one in 13 left live), 30% dev, 10%
 * prod, over 50 teams and the last 120 days; ten operations each (create, updates, an
 * extend, a destroy for the destroyed), one in 20 failed, one in 17 retried, 70% of
 * creates from a template; two findings each, one in five still open; an approval
 * request for each prod create; refused requests; a few approved exceptions.
 */
const SEED = [
  `insert into environments (id, name, class, tier, lifecycle, owner, entity_ref, created_by, status,
      created_at, updated_at, expires_at, destroyed_at)
    select 'e' || i, 'env-' || i, class,
      case class when 'preview' then 'preview' when 'dev' then 'development' else 'production' end,
      case class when 'preview' then 'ephemeral' else 'static' end,
      'group:default/team-' || (i % 50), 'component:default/svc-' || (i / 4), 'user:default/bench',
      case when gone then 'destroyed' when i % 7 = 0 then 'degraded' else 'ready' end,
      created_at, created_at,
      case when class = 'preview' then created_at + interval '24 hours' end,
      case when gone then created_at + interval '24 hours' + (i % 90) * interval '1 minute' end
    from (
      select i, class, created_at,
        class = 'preview' and created_at < $1::timestamptz - interval '2 days' and i % 13 <> 0 as gone
      from (
        select i, case when i % 10 < 6 then 'preview' when i % 10 < 9 then 'dev' else 'prod' end as class,
          $1::timestamptz - (i % 120) * interval '1 day' - (i % 1440) * interval '1 minute' - interval '1 hour' as created_at
        from generate_series(1, $2::int) i
      ) s
    ) s`,
  `insert into resources (id, environment_id, type, name, provider, target, status, spec, outputs, created_at, updated_at)
    select 'r' || substr(id, 2), id, 'postgres-database', 'main', 'postgres', 'shared',
      case when status = 'destroyed' then 'destroyed' else 'ready' end, '{}', '{}', created_at, created_at
    from environments`,
  `insert into operations (id, environment_id, type, state, attempts, requested_by, scaffolder_task_id, error,
      created_at, started_at, finished_at)
    select 'o' || n || '-' || j, id,
      case when j = 0 then 'create' when j = 9 and status = 'destroyed' then 'destroy' when j = 5 then 'extend' else 'update' end,
      case when (n + j) % 20 = 0 then 'failed' else 'succeeded' end,
      case when (n + j) % 17 = 0 then 2 else 1 end,
      'user:default/bench',
      case when j = 0 and n % 10 < 7 then 'task-' || n end,
      case when (n + j) % 20 = 0 then case when n % 3 = 0 then 'connection timed out' else 'permission denied' end end,
      at, at + interval '5 seconds', at + (1 + (n * 7 + j) % 30) * interval '1 minute'
    from (
      select e.id, e.status, substr(e.id, 2)::int as n, j,
        case when j = 9 and e.destroyed_at is not null then e.destroyed_at else e.created_at + j * interval '2 minutes' end as at
      from environments e cross join generate_series(0, 9) j
    ) o`,
  `insert into findings (id, environment_id, key, rule, severity, field, message, link, expected, observed,
      detected_at, resolved_at)
    select 'f' || n || '-' || k, id, 'main|rule-' || k,
      case k when 0 then 'postgres.connection-limit' else 'environment.cost-budget' end,
      case when (n + k) % 3 = 0 then 'low' else 'high' end, 'field', 'message', '/docs', 'expected', 'observed',
      created_at + interval '3 hours' + k * interval '1 day',
      case when (n + k) % 5 <> 0 then created_at + interval '3 hours' + k * interval '1 day'
        + (1 + (n * 7 + k) % 72) * interval '1 hour' end
    from (select id, created_at, substr(id, 2)::int as n from environments) e cross join generate_series(0, 1) k`,
  `insert into approval_requests (id, environment_id, operation_id, state, approvers, reasons, plan, requested_by,
      created_at, expires_at, decided_by, decided_at)
    select 'a' || n, id, 'o' || n || '-0',
      case n % 20 when 0 then 'rejected' when 1 then 'expired' when 2 then 'withdrawn' else 'approved' end,
      'group:default/platform-team', '[]', '{}', 'user:default/bench', created_at, created_at + interval '7 days',
      'user:default/approver', created_at + interval '30 minutes'
    from (select id, created_at, substr(id, 2)::int as n from environments where class = 'prod') e`,
  `insert into baseline_refusals (id, operation_type, name, class, tier, owner, entity_ref, requested_by, rules, created_at)
    select 'b' || i, 'create', 'refused-' || i, 'dev', 'development', 'group:default/team-' || (i % 50),
      'component:default/svc-' || i, 'user:default/bench', 'environment.max-resources',
      $1::timestamptz - (i % 120) * interval '1 day'
    from generate_series(1, $2::int / 20) i`,
  `insert into baseline_exceptions (id, environment_id, rule, resource_id, state, justification, until, approvers,
      requested_by, created_at, decided_by, decided_at)
    select 'x' || substr(f.id, 2), f.environment_id, f.rule, '', 'approved', 'bench', $1::timestamptz + interval '30 days',
      'group:default/platform-team', 'user:default/bench', f.detected_at, 'user:default/approver', f.detected_at
    from findings f where f.resolved_at is null and f.rule = 'environment.cost-budget' and substr(f.environment_id, 2)::int % 10 = 9`,
];

const TABLES = [
  'environments',
  'resources',
  'operations',
  'findings',
  'approval_requests',
  'baseline_refusals',
  'baseline_exceptions',
];

/** Seeds `environments` environments and everything about them; answers the row counts. */
export async function seedGoalData(
  url: string,
  environments: number,
  now: Date,
) {
  const client = new Client({ connectionString: url });
  await client.connect();
  for (const sql of SEED) {
    const values = [now.toISOString(), environments].slice(
      0,
      sql.includes('$2') ? 2 : 1,
    );
    await client.query(sql, sql.includes('$1') ? values : []);
  }
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    // Settle the tables now, so autovacuum does not run inside a measurement.
    await client.query(`vacuum analyze ${table}`);
    const { rows } = await client.query(`select count(*) as n from ${table}`);
    counts[table] = Number(rows[0].n);
  }
  await client.end();
  return counts;
}
