import { GoalHolder } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { measureGroups, percent, sum } from './aggregate';
import { applyCriteria } from '../applyCriteria';
import { holderOf } from './holders';
import {
  FailureCause,
  HoldingBackQuery,
  MetricMeasure,
  MetricQuery,
  OperationFailure,
} from './MetricStore';
import { applyReadable, applyScope, num, ts } from './sql';

const error = "lower(coalesce(o.error, ''))";
/** Why an operation ended as it did, in the order the causes are told apart. */
const CAUSE = `case when o.state = 'succeeded' then 'succeeded' when ar.state in ('rejected', 'expired') then 'rejected-approval' when ${error} like '%timeout%' or ${error} like '%timed out%' then 'timeout' else 'provider-error' end`;

/** Each cause as a person says it. */
export const CAUSE_TEXT: Record<FailureCause, string> = {
  'provider-error': 'provider error',
  'baseline-refusal': 'baseline refusal',
  timeout: 'timeout',
  'rejected-approval': 'rejected approval',
};

/**
 * Operations that changed something (create, update, destroy) and ended in the window,
 * with their cause; a request its requester withdrew is neither a success nor a failure.
 */
function endedOperations(db: Knex, query: MetricQuery) {
  const builder = db('operations as o')
    .join('environments as e', 'e.id', 'o.environment_id')
    .leftJoin('approval_requests as ar', 'ar.operation_id', 'o.id')
    .whereIn('o.type', ['create', 'update', 'destroy'])
    .whereIn('o.state', ['succeeded', 'failed'])
    .where('o.finished_at', '>=', ts(query.since!))
    .where('o.finished_at', '<=', ts(query.now))
    .where(b => b.whereNull('ar.id').orWhereNot('ar.state', 'withdrawn'));
  applyScope(builder, 'e', query.scope);
  return builder;
}

function refusals(db: Knex, query: MetricQuery) {
  const builder = db('baseline_refusals as r')
    .where('r.created_at', '>=', ts(query.since!))
    .where('r.created_at', '<=', ts(query.now));
  applyScope(builder, 'r', query.scope);
  return builder;
}

/**
 * Operation success: of the operations that ended in the window and the requests a
 * blocking baseline rule refused in it, the share that succeeded; the failures counted
 * by cause (rejected or expired approval, timeout, provider error, baseline refusal).
 */
export async function measureOperationSuccess(
  db: Knex,
  query: MetricQuery,
): Promise<MetricMeasure> {
  const ops = endedOperations(db, query).select(
    'e.owner',
    'e.class',
    db.raw(`${CAUSE} as cause`),
  );
  const refused = refusals(db, query).select(
    'r.owner',
    'r.class',
    db.raw("'baseline-refusal' as cause"),
  );
  const rows = (
    await db
      .from(ops.unionAll(refused).as('t'))
      .select('t.owner', 't.class', 't.cause')
      .count('* as n')
      .groupBy('t.owner', 't.class', 't.cause')
  ).map((r: any) => ({
    owner: r.owner as string,
    class: r.class as string,
    cause: r.cause as FailureCause | 'succeeded',
    n: num(r.n),
  }));
  return measureGroups(rows, list => {
    const of = (cause: string) =>
      sum(
        list.filter(r => r.cause === cause),
        r => r.n,
      );
    const total = sum(list, r => r.n);
    const succeeded = of('succeeded');
    return {
      statistics: {
        successRate: percent(succeeded, total),
        failed: total - succeeded,
        providerErrors: of('provider-error'),
        baselineRefusals: of('baseline-refusal'),
        timeouts: of('timeout'),
        rejectedApprovals: of('rejected-approval'),
      },
      count: total,
    };
  });
}

/** The failed operations and refused requests of the window, newest first. */
export async function listOperationFailures(
  db: Knex,
  query: MetricQuery & Pick<HoldingBackQuery, 'readFilter'>,
  limit: number,
): Promise<OperationFailure[]> {
  const ops = endedOperations(db, query)
    .where('o.state', 'failed')
    .select(
      'o.id as operation_id',
      'o.type',
      'o.error',
      'o.finished_at as at',
      'e.id',
      'e.name',
      'e.entity_ref',
      'e.owner',
      'e.class',
      'e.tier',
      db.raw(`${CAUSE} as cause`),
    )
    .orderBy('o.finished_at', 'desc')
    .limit(limit);
  applyReadable(ops, 'e.id', query.readFilter);
  const refused = refusals(db, query)
    .select('r.*')
    .orderBy('r.created_at', 'desc')
    .limit(limit);
  if (query.readFilter) {
    // A refused request is read as the environment it asked for would be.
    const filter = query.readFilter;
    refused.whereIn('r.id', inner => {
      inner
        .select('id')
        .from(
          db('baseline_refusals')
            .select('id', 'owner', 'tier', db.raw("'refused' as status"))
            .as('asked'),
        );
      applyCriteria(inner, filter);
    });
  }
  const [opRows, refusedRows] = await Promise.all([ops, refused]);
  const failures: OperationFailure[] = [
    ...opRows.map((r: any) => ({
      ...holderOf(r),
      cause: r.cause as FailureCause,
      operationId: r.operation_id,
      operationType: r.type,
      error: r.error ?? undefined,
      at: new Date(r.at).toISOString(),
    })),
    ...refusedRows.map((r: any) => ({
      ...holderOf({ ...r, id: r.environment_id ?? undefined }),
      environmentId: r.environment_id ?? undefined,
      cause: 'baseline-refusal' as const,
      operationType: r.operation_type,
      error: `refused by ${r.rules.split(',').join(', ')}`,
      at: new Date(r.created_at).toISOString(),
    })),
  ];
  return failures.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}

/** Environments (and refused requests) with failures in the window, most failures first. */
export async function holdingBackOperationSuccess(
  db: Knex,
  query: HoldingBackQuery,
): Promise<GoalHolder[]> {
  const failures = await listOperationFailures(db, query, query.limit * 20);
  const holders = new Map<string, GoalHolder & { causes: string[] }>();
  for (const failure of failures) {
    const key = failure.environmentId ?? `${failure.entityRef}|${failure.name}`;
    const {
      cause,
      operationId,
      operationType,
      error: _e,
      at: _a,
      ...env
    } = failure;
    const holder = holders.get(key) ?? { ...env, operationIds: [], causes: [] };
    if (operationId) holder.operationIds!.push(operationId);
    holder.causes.push(`${CAUSE_TEXT[cause]} (${operationType})`);
    holders.set(key, holder);
  }
  return [...holders.values()]
    .sort((a, b) => b.causes.length - a.causes.length)
    .slice(0, query.limit)
    .map(({ causes, ...holder }) => ({
      ...holder,
      operationIds: holder.operationIds!.length
        ? holder.operationIds
        : undefined,
      reason: `${causes.length} failed: ${causes.join(', ')}`,
      value: causes.length,
    }));
}
