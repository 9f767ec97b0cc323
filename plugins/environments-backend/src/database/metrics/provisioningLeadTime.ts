import { GoalHolder } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import {
  ascending,
  measureGroups,
  percent,
  percentile,
  round2,
} from './aggregate';
import { HOLDER_COLUMNS, holderOf, hoursText } from './holders';
import { HoldingBackQuery, MetricMeasure, MetricQuery } from './MetricStore';
import { applyReadable, applyScope, hoursBetween, num, ts } from './sql';

/** When an environment first became ready: its first successful create or update. */
const READY_AT = `(select min(o.finished_at) from operations o where o.environment_id = e.id and o.state = 'succeeded' and o.type in ('create', 'update'))`;

/**
 * Environments requested in the window, with their create operation and the hours to
 * ready; a create that an approver rejected, or that was withdrawn or expired, ended
 * with nothing to provision and is left out (one still waiting counts, not ready yet).
 */
function requested(db: Knex, query: MetricQuery) {
  const builder = db('environments as e')
    .join('operations as c', join =>
      join
        .on('c.environment_id', '=', 'e.id')
        .andOnVal('c.type', '=', 'create'),
    )
    .leftJoin('approval_requests as ar', 'ar.operation_id', 'c.id')
    .where('e.created_at', '>=', ts(query.since!))
    .where('e.created_at', '<=', ts(query.now))
    .where(b =>
      b.whereNull('ar.id').orWhereIn('ar.state', ['approved', 'pending']),
    )
    .select(
      'c.id as operation_id',
      'c.state as create_state',
      'c.attempts',
      db.raw(`${hoursBetween(db, 'e.created_at', READY_AT)} as hours`),
    );
  applyScope(builder, 'e', query.scope);
  return builder;
}

interface LeadRow {
  owner: string;
  class: string;
  /** Null until the environment is ready. */
  hours: number | null;
  /** The create operation ran to an end, success or failure. */
  finished: boolean;
  firstTime: boolean;
}

function toLeadRow(r: any): LeadRow {
  const finished =
    r.create_state === 'succeeded' || r.create_state === 'failed';
  return {
    owner: r.owner,
    class: r.class,
    hours: r.hours === null ? null : num(r.hours),
    finished,
    firstTime: r.create_state === 'succeeded' && num(r.attempts) <= 1,
  };
}

/**
 * Provisioning lead time: hours from the request (the environment's creation, approval
 * wait included) to its first ready, p50 and p90 over the environments requested in the
 * window that became ready; and the share of those whose create finished that succeeded
 * on its first attempt (no engine retry, no retry by the owner).
 */
export async function measureProvisioningLeadTime(
  db: Knex,
  query: MetricQuery,
): Promise<MetricMeasure> {
  const rows = (await requested(db, query).select('e.owner', 'e.class')).map(
    toLeadRow,
  );
  return measureGroups(rows, list => {
    const hours = ascending(
      list.flatMap(r => (r.hours === null ? [] : [r.hours])),
    );
    const finished = list.filter(r => r.finished);
    return {
      statistics: {
        p50: percentile(hours, 0.5),
        p90: percentile(hours, 0.9),
        noRetryShare: percent(
          finished.filter(r => r.firstTime).length,
          finished.length,
        ),
        requested: list.length,
      },
      count: list.length,
    };
  });
}

/**
 * For the hours: the environments slower than the target, and those whose create failed
 * and that never became ready. For the no-retry share: those that needed a retry.
 */
export async function holdingBackProvisioningLeadTime(
  db: Knex,
  query: HoldingBackQuery,
): Promise<GoalHolder[]> {
  if (query.statistic === 'requested') return [];
  const builder = requested(db, query).select(...HOLDER_COLUMNS);
  applyReadable(builder, 'e.id', query.readFilter);
  const retries = query.statistic === 'noRetryShare';
  const holders: Array<GoalHolder & { rank: number }> = [];
  for (const row of await builder) {
    const lead = toLeadRow(row);
    const attempts = num(row.attempts);
    const base = { ...holderOf(row), operationIds: [row.operation_id] };
    if (lead.finished && lead.hours === null) {
      holders.push({
        ...base,
        reason: `its create failed after ${attempts} attempt${
          attempts === 1 ? '' : 's'
        } and it never became ready`,
        rank: Infinity,
      });
    } else if (retries && lead.finished && !lead.firstTime) {
      holders.push({
        ...base,
        reason: `became ready only after a retry (${attempts} attempts of its create)`,
        value: lead.hours === null ? undefined : round2(lead.hours),
        rank: attempts,
      });
    } else if (!retries && lead.hours !== null && lead.hours > query.target) {
      holders.push({
        ...base,
        reason: `took ${hoursText(lead.hours)} from request to ready`,
        value: round2(lead.hours),
        rank: lead.hours,
      });
    }
  }
  return holders
    .sort((a, b) => b.rank - a.rank)
    .slice(0, query.limit)
    .map(({ rank, ...holder }) => holder);
}
