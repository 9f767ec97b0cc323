import { GoalHolder, Tier } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { acceptingException } from '../DatabaseFindingStore';
import { measureGroups, percent, sum } from './aggregate';
import { HoldingBackQuery, MetricMeasure, MetricQuery } from './MetricStore';
import { applyReadable, applyScope, num } from './sql';

/** The environments the reconciler looks at, and so the ones findings are about. */
const LIVE = ['ready', 'degraded'];
const HIGH = ['high', 'blocking'];

/** Open findings of severity high or above that no approved exception accepts. */
function openHighFindings(db: Knex) {
  return db('findings as f')
    .leftJoin('baseline_exceptions as x', acceptingException(db))
    .whereNull('f.resolved_at')
    .whereIn('f.severity', HIGH)
    .whereNull('x.id');
}

/**
 * Baseline conformance: the share of live environments (ready or degraded) with no open
 * finding of severity high or blocking, a finding an approved exception accepts not
 * counting as open. Of the current state.
 */
export async function measureBaselineConformance(
  db: Knex,
  query: MetricQuery,
): Promise<MetricMeasure> {
  const bad = openHighFindings(db).distinct('f.environment_id').as('bad');
  const builder = db('environments as e')
    .leftJoin(bad, 'bad.environment_id', 'e.id')
    .whereIn('e.status', LIVE)
    .select('e.owner', 'e.class')
    .count('* as live')
    .select(
      db.raw(
        'sum(case when bad.environment_id is null then 1 else 0 end) as conforming',
      ),
    )
    .groupBy('e.owner', 'e.class');
  applyScope(builder, 'e', query.scope);
  const rows = (await builder).map((r: any) => ({
    owner: r.owner as string,
    class: r.class as string,
    live: num(r.live),
    conforming: num(r.conforming),
  }));
  return measureGroups(rows, list => {
    const live = sum(list, r => r.live);
    const conforming = sum(list, r => r.conforming);
    return {
      statistics: { conformance: percent(conforming, live), live },
      count: live,
    };
  });
}

/** The live environments with such findings, each with the findings' ids and rules. */
export async function holdingBackBaselineConformance(
  db: Knex,
  query: HoldingBackQuery,
): Promise<GoalHolder[]> {
  const builder = openHighFindings(db)
    .join('environments as e', 'e.id', 'f.environment_id')
    .whereIn('e.status', LIVE)
    .select(
      'e.id',
      'e.name',
      'e.entity_ref',
      'e.owner',
      'e.class',
      'e.tier',
      'f.id as finding_id',
      'f.rule',
    )
    .orderBy('e.name')
    .orderBy('e.id')
    .orderBy('f.rule')
    .limit(query.limit * 20);
  applyScope(builder, 'e', query.scope);
  applyReadable(builder, 'e.id', query.readFilter);
  type Holder = GoalHolder & { findingIds: string[]; rules: string[] };
  const holders = new Map<string, Holder>();
  for (const row of await builder) {
    const holder: Holder = holders.get(row.id) ?? {
      environmentId: row.id,
      name: row.name,
      entityRef: row.entity_ref,
      owner: row.owner,
      class: row.class,
      tier: row.tier as Tier,
      reason: '',
      findingIds: [],
      rules: [],
    };
    holder.findingIds.push(row.finding_id);
    holder.rules.push(row.rule);
    holders.set(row.id, holder);
  }
  return [...holders.values()]
    .sort((a, b) => b.rules.length - a.rules.length)
    .slice(0, query.limit)
    .map(({ rules, ...holder }) => ({
      ...holder,
      reason: `${rules.length} open finding${
        rules.length === 1 ? '' : 's'
      } of severity high or blocking: ${[...new Set(rules)].join(', ')}`,
      value: rules.length,
    }));
}
