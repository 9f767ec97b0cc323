import { GoalHolder } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { acceptingException } from '../DatabaseFindingStore';
import { ascending, measureGroups, percentile, round2 } from './aggregate';
import { HOLDER_COLUMNS, holderOf, hoursText } from './holders';
import { HoldingBackQuery, MetricMeasure, MetricQuery } from './MetricStore';
import {
  applyReadable,
  applyScope,
  hoursBetween,
  num,
  timestampParam,
  ts,
} from './sql';

const HIGH = ['high', 'blocking'];

/** Findings of severity high or blocking, resolved in the window, of environments in scope. */
function resolvedInWindow(db: Knex, query: MetricQuery) {
  const builder = db('findings as f')
    .join('environments as e', 'e.id', 'f.environment_id')
    .whereIn('f.severity', HIGH)
    .where('f.resolved_at', '>=', ts(query.since!))
    .where('f.resolved_at', '<=', ts(query.now));
  applyScope(builder, 'e', query.scope);
  return builder;
}

/**
 * Drift time to resolve: the hours from a finding of severity high or blocking being
 * detected to its being resolved, for the findings resolved in the window; p50 and p90
 * interpolated between ranks. The sorted durations are fetched and ranked here, which
 * works the same on SQLite and PostgreSQL.
 */
export async function measureDriftTimeToResolve(
  db: Knex,
  query: MetricQuery,
): Promise<MetricMeasure> {
  const rows = (
    await resolvedInWindow(db, query).select(
      'e.owner',
      'e.class',
      db.raw(`${hoursBetween(db, 'f.detected_at', 'f.resolved_at')} as hours`),
    )
  ).map((r: any) => ({
    owner: r.owner as string,
    class: r.class as string,
    hours: num(r.hours),
  }));
  return measureGroups(rows, list => {
    const hours = ascending(list.map(r => r.hours));
    return {
      statistics: {
        p50: percentile(hours, 0.5),
        p90: percentile(hours, 0.9),
        resolved: hours.length,
      },
      count: hours.length,
    };
  });
}

/**
 * The environments whose findings took longer than the target to resolve in the window,
 * or have been open (and not accepted) longer than it already.
 */
export async function holdingBackDriftTimeToResolve(
  db: Knex,
  query: HoldingBackQuery,
): Promise<GoalHolder[]> {
  const limit = query.target;
  const resolvedHours = hoursBetween(db, 'f.detected_at', 'f.resolved_at');
  const resolved = resolvedInWindow(db, query)
    .select(...HOLDER_COLUMNS, 'f.id as finding_id')
    .select(db.raw(`${resolvedHours} as hours`))
    .whereRaw(`${resolvedHours} > ?`, [limit]);
  const openHours = hoursBetween(db, 'f.detected_at', timestampParam(db));
  const open = db('findings as f')
    .join('environments as e', 'e.id', 'f.environment_id')
    .leftJoin('baseline_exceptions as x', acceptingException(db))
    .whereIn('f.severity', HIGH)
    .whereNull('f.resolved_at')
    .whereNull('x.id')
    .whereRaw(`${openHours} > ?`, [ts(query.now), limit])
    .select(...HOLDER_COLUMNS, 'f.id as finding_id')
    .select(db.raw(`${openHours} as hours`, [ts(query.now)]));
  applyScope(open, 'e', query.scope);
  for (const builder of [resolved, open]) {
    applyReadable(builder, 'e.id', query.readFilter);
    builder.orderBy('hours', 'desc').limit(query.limit * 20);
  }
  const [resolvedRows, openRows] = await Promise.all([resolved, open]);
  const holders = new Map<
    string,
    GoalHolder & { open: number; slowest: number }
  >();
  const add = (row: any, isOpen: boolean) => {
    const hours = num(row.hours);
    const holder = holders.get(row.id) ?? {
      ...holderOf(row),
      findingIds: [],
      open: 0,
      slowest: 0,
    };
    holder.findingIds!.push(row.finding_id);
    holder.open += isOpen ? 1 : 0;
    holder.slowest = Math.max(holder.slowest, hours);
    holders.set(row.id, holder);
  };
  openRows.forEach(row => add(row, true));
  resolvedRows.forEach(row => add(row, false));
  return [...holders.values()]
    .sort((a, b) => b.slowest - a.slowest)
    .slice(0, query.limit)
    .map(({ open: stillOpen, slowest, ...holder }) => ({
      ...holder,
      reason: stillOpen
        ? `${stillOpen} finding${
            stillOpen === 1 ? '' : 's'
          } open longer than ${hoursText(limit)} (the longest ${hoursText(
            slowest,
          )})`
        : `findings took up to ${hoursText(
            slowest,
          )} to resolve, over ${hoursText(limit)}`,
      value: round2(slowest),
    }));
}
