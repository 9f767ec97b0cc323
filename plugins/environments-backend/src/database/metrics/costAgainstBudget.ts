import { GoalHolder } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { measureGroups, round2, sum } from './aggregate';
import { HOLDER_COLUMNS, holderOf } from './holders';
import {
  HoldingBackQuery,
  MetricMeasure,
  MetricQuery,
  PriceTable,
} from './MetricStore';
import { applyReadable, applyScope, num } from './sql';

/** Everything but what was destroyed or still waits for an approver costs money. */
const COSTING = ['provisioning', 'ready', 'degraded', 'failed', 'destroying'];

/**
 * One environment's estimated monthly cost in SQL, as its card estimates it: its class's
 * base price plus the price of each resource not destroyed, from the class's price table.
 */
function costExpression(db: Knex, prices: PriceTable) {
  const base: Array<string | number> = [];
  const perResource: Array<string | number> = [];
  let baseSql = '';
  let resourceSql = '';
  for (const [name, table] of prices) {
    baseSql += ' when e.class = ? then ?';
    base.push(name, table.base);
    for (const [type, price] of Object.entries(table.resources)) {
      resourceSql += ' when e.class = ? and r.type = ? then ?';
      perResource.push(name, type, price);
    }
  }
  const baseCase = baseSql ? `case${baseSql} else 0.0 end` : '0';
  const resourceCase = resourceSql ? `case${resourceSql} else 0.0 end` : '0';
  return db.raw(`${baseCase} + coalesce(sum(${resourceCase}), 0)`, [
    ...base,
    ...perResource,
  ]);
}

/** Each environment of the scope that costs money, with its monthly cost. */
function costing(db: Knex, query: MetricQuery) {
  const builder = db('environments as e')
    .leftJoin('resources as r', join =>
      join
        .on('r.environment_id', '=', 'e.id')
        .andOnVal('r.status', '<>', 'destroyed'),
    )
    .whereIn('e.status', COSTING)
    .select(
      ...HOLDER_COLUMNS,
      db.raw('? as cost', [costExpression(db, query.prices)]),
    )
    .groupBy(...HOLDER_COLUMNS);
  applyScope(builder, 'e', query.scope);
  return builder;
}

/**
 * Cost against budget: the estimated monthly cost of the scope's environments that cost
 * money (all but destroyed ones and those waiting for approval), summed per owner group
 * and per class; the goal's target is the budget. Of the current state.
 */
export async function measureCostAgainstBudget(
  db: Knex,
  query: MetricQuery,
): Promise<MetricMeasure> {
  const rows = (
    await db
      .from(costing(db, query).as('c'))
      .select('c.owner', 'c.class')
      .count('* as live')
      .sum('c.cost as cost')
      .groupBy('c.owner', 'c.class')
  ).map((r: any) => ({
    owner: r.owner as string,
    class: r.class as string,
    live: num(r.live),
    cost: num(r.cost),
  }));
  return measureGroups(rows, list => {
    const live = sum(list, r => r.live);
    return {
      statistics: { monthlyCost: round2(sum(list, r => r.cost)), live },
      count: live,
    };
  });
}

/** The costliest environments of the scope, costliest first. */
export async function holdingBackCostAgainstBudget(
  db: Knex,
  query: HoldingBackQuery,
): Promise<GoalHolder[]> {
  const builder = costing(db, query)
    .orderBy('cost', 'desc')
    .orderBy('e.name')
    .limit(query.limit);
  applyReadable(builder, 'e.id', query.readFilter);
  return (await builder).map((row: any) => {
    const cost = round2(num(row.cost));
    return {
      ...holderOf(row),
      reason: `estimated ${cost} ${query.currency} a month`,
      value: cost,
    };
  });
}
