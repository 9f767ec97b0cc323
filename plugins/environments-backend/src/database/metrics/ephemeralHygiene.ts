import { GoalHolder } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { measureGroups, percent, round2, sum } from './aggregate';
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

/** A destroy of the environment that failed or needed more than one attempt. */
const TROUBLED_DESTROY = `exists (select 1 from operations d where d.environment_id = e.id and d.type = 'destroy' and (d.state = 'failed' or d.attempts > 1))`;

/** Destroyed, and never by a failed or retried destroy. */
const CLEAN = `e.destroyed_at is not null and not ${TROUBLED_DESTROY}`;

/** Ephemeral environments of the scope whose expiry fell in the window. */
function expired(db: Knex, query: MetricQuery) {
  const builder = db('environments as e')
    .where('e.lifecycle', 'ephemeral')
    .where('e.expires_at', '>=', ts(query.since!))
    .where('e.expires_at', '<=', ts(query.now));
  applyScope(builder, 'e', query.scope);
  return builder;
}

/** Hours from expiry to destruction (or to now, while live), never below 0. */
function pastExpiry(db: Knex, now: Date) {
  const hours = hoursBetween(
    db,
    'e.expires_at',
    `coalesce(e.destroyed_at, ${timestampParam(db)})`,
  );
  return db.raw(`case when ${hours} > 0 then ${hours} else 0 end`, [
    ts(now),
    ts(now),
  ]);
}

/**
 * Ephemeral hygiene: of the ephemeral environments whose expiry fell in the window, the
 * share destroyed without a failed or retried destroy (by the reaper at expiry, or by
 * their owner before it) rather than left live or to the reaper's retries; and the
 * environment-hours they spent live past their expiry.
 */
export async function measureEphemeralHygiene(
  db: Knex,
  query: MetricQuery,
): Promise<MetricMeasure> {
  const rows = (
    await expired(db, query)
      .select('e.owner', 'e.class')
      .count('* as expired')
      .select(
        db.raw(`sum(case when ${CLEAN} then 1 else 0 end) as clean`),
        db.raw(`sum(?) as past`, [pastExpiry(db, query.now)]),
      )
      .groupBy('e.owner', 'e.class')
  ).map((r: any) => ({
    owner: r.owner as string,
    class: r.class as string,
    expired: num(r.expired),
    clean: num(r.clean),
    past: num(r.past),
  }));
  return measureGroups(rows, list => {
    const total = sum(list, r => r.expired);
    return {
      statistics: {
        expiryShare: percent(
          sum(list, r => r.clean),
          total,
        ),
        hoursPastExpiry: round2(sum(list, r => r.past)),
        expired: total,
      },
      count: total,
    };
  });
}

/** The expired environments still live, or destroyed only after failures or retries. */
export async function holdingBackEphemeralHygiene(
  db: Knex,
  query: HoldingBackQuery,
): Promise<GoalHolder[]> {
  if (query.statistic === 'expired') return [];
  const builder = expired(db, query)
    .whereRaw(`not (${CLEAN})`)
    .select(
      ...HOLDER_COLUMNS,
      'e.destroyed_at',
      db.raw('? as past', [pastExpiry(db, query.now)]),
      db.raw(
        `(select max(d.attempts) from operations d where d.environment_id = e.id and d.type = 'destroy') as attempts`,
      ),
    )
    .orderBy('past', 'desc')
    .limit(query.limit);
  applyReadable(builder, 'e.id', query.readFilter);
  return (await builder).map((row: any) => {
    const past = num(row.past);
    const attempts = num(row.attempts);
    const reason = row.destroyed_at
      ? `destroyed ${hoursText(
          past,
        )} past its expiry, after a failed or retried destroy (${attempts} attempts)`
      : `still live ${hoursText(past)} past its expiry${
          attempts ? ` (its destroy took ${attempts} attempts so far)` : ''
        }`;
    return { ...holderOf(row), reason, value: round2(past) };
  });
}
