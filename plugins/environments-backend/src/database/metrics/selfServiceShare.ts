import { GoalHolder } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { measureGroups, percent, sum } from './aggregate';
import { HOLDER_COLUMNS, holderOf } from './holders';
import { HoldingBackQuery, MetricMeasure, MetricQuery } from './MetricStore';
import { applyReadable, applyScope, num, ts } from './sql';

/** Environments of the scope created in the window, with their create operation. */
function created(db: Knex, query: MetricQuery) {
  const builder = db('environments as e')
    .join('operations as c', join =>
      join
        .on('c.environment_id', '=', 'e.id')
        .andOnVal('c.type', '=', 'create'),
    )
    .where('e.created_at', '>=', ts(query.since!))
    .where('e.created_at', '<=', ts(query.now));
  applyScope(builder, 'e', query.scope);
  return builder;
}

/**
 * Self-service share: of the environments created in the window, the share created
 * through a software template, i.e. whose create operation records a scaffolder task
 * (the others came from the API, an assistant or a script).
 */
export async function measureSelfServiceShare(
  db: Knex,
  query: MetricQuery,
): Promise<MetricMeasure> {
  const rows = (
    await created(db, query)
      .select('e.owner', 'e.class')
      .count('* as created')
      .select(
        db.raw(
          'sum(case when c.scaffolder_task_id is not null then 1 else 0 end) as templated',
        ),
      )
      .groupBy('e.owner', 'e.class')
  ).map((r: any) => ({
    owner: r.owner as string,
    class: r.class as string,
    created: num(r.created),
    templated: num(r.templated),
  }));
  return measureGroups(rows, list => {
    const total = sum(list, r => r.created);
    return {
      statistics: {
        templateShare: percent(
          sum(list, r => r.templated),
          total,
        ),
        created: total,
      },
      count: total,
    };
  });
}

/** The environments of the window created without a template, newest first. */
export async function holdingBackSelfServiceShare(
  db: Knex,
  query: HoldingBackQuery,
): Promise<GoalHolder[]> {
  if (query.statistic === 'created') return [];
  const builder = created(db, query)
    .whereNull('c.scaffolder_task_id')
    .select(...HOLDER_COLUMNS, 'e.created_by', 'c.id as operation_id')
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id')
    .limit(query.limit);
  applyReadable(builder, 'e.id', query.readFilter);
  return (await builder).map((row: any) => ({
    ...holderOf(row),
    operationIds: [row.operation_id],
    reason: `created by ${row.created_by} without a template`,
  }));
}
