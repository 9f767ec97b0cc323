import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  BaselineException,
  ExceptionState,
} from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { EnvironmentFilter } from '../permissions/rules';
import { applyCriteria } from './applyCriteria';
import {
  chunks,
  iso,
  isUniqueViolation,
  Timestamp,
  toTimestamp,
} from './dialect';
import {
  AcceptedKey,
  ExceptionsQuery,
  ExceptionStore,
  NewException,
} from './ExceptionStore';

interface ExceptionRow {
  id: string;
  environment_id: string;
  rule: string;
  resource_id: string;
  state: string;
  justification: string;
  until: Timestamp;
  approvers: string;
  requested_by: string;
  created_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  comment: string | null;
  environment_name: string;
  entity_ref: string;
  owner: string;
  class: string;
  resource_name: string | null;
}

/** The `baseline_exceptions` table. */
export class DatabaseExceptionStore implements ExceptionStore {
  constructor(private readonly db: Knex) {}

  private select() {
    return this.db('baseline_exceptions as x')
      .join('environments as e', 'e.id', 'x.environment_id')
      .leftJoin('resources as r', 'r.id', 'x.resource_id')
      .select(
        'x.*',
        'e.name as environment_name',
        'e.entity_ref',
        'e.owner',
        'e.class',
        'r.name as resource_name',
      );
  }

  async create(exception: NewException, now: Date) {
    try {
      await this.db('baseline_exceptions').insert({
        id: exception.id,
        environment_id: exception.environmentId,
        rule: exception.rule,
        resource_id: exception.resourceId ?? '',
        state: 'pending',
        justification: exception.justification,
        until: toTimestamp(exception.until),
        approvers: exception.approvers,
        requested_by: exception.requestedBy,
        created_at: toTimestamp(now),
      });
      return 'created' as const;
    } catch (error) {
      if (isUniqueViolation(error)) return 'exists' as const;
      throw error;
    }
  }

  async get(id: string) {
    const row = await this.select().where('x.id', id).first();
    return row && toException(row);
  }

  async list(
    query: ExceptionsQuery,
    permissionFilter?: PermissionCriteria<EnvironmentFilter>,
  ) {
    const builder = this.select();
    if (query.state) builder.where('x.state', query.state);
    if (query.environmentId)
      builder.where('x.environment_id', query.environmentId);
    if (query.entityRefs) builder.whereIn('e.entity_ref', query.entityRefs);
    if (query.requestedBy) builder.where('x.requested_by', query.requestedBy);
    if (query.approvers) builder.whereIn('x.approvers', query.approvers);
    if (permissionFilter) {
      builder.whereIn('x.environment_id', inner => {
        inner.select('id').from('environments');
        applyCriteria(inner, permissionFilter);
      });
    }
    const rows: ExceptionRow[] = await builder
      .orderBy('x.created_at', 'desc')
      .orderBy('x.id')
      .limit(500);
    return rows.map(toException);
  }

  async decide(change: Parameters<ExceptionStore['decide']>[0]) {
    // The guard on `pending` makes one of two simultaneous decisions the only one.
    const updated = await this.db('baseline_exceptions')
      .where({ id: change.id, state: 'pending' })
      .update({
        state: change.state,
        decided_by: change.decidedBy,
        decided_at: toTimestamp(change.now),
        comment: change.comment ?? null,
      });
    return updated === 1;
  }

  async listApproved(environmentIds: string[]): Promise<AcceptedKey[]> {
    const keys: AcceptedKey[] = [];
    for (const part of chunks(environmentIds)) {
      const rows = await this.db('baseline_exceptions')
        .whereIn('environment_id', part)
        .where('state', 'approved')
        .select('environment_id', 'rule', 'resource_id');
      keys.push(
        ...rows.map(row => ({
          environmentId: row.environment_id,
          rule: row.rule,
          resourceId: row.resource_id || undefined,
        })),
      );
    }
    return keys;
  }

  async endDue(now: Date) {
    const due: ExceptionRow[] = await this.select()
      .where('x.state', 'approved')
      .where('x.until', '<=', toTimestamp(now));
    const ended: BaselineException[] = [];
    for (const row of due) {
      const updated = await this.db('baseline_exceptions')
        .where({ id: row.id, state: 'approved' })
        .update({ state: 'ended' });
      if (updated === 1) ended.push(toException({ ...row, state: 'ended' }));
    }
    return ended;
  }

  async claimEndingNotices(before: Date, now: Date) {
    const soon: ExceptionRow[] = await this.select()
      .where('x.state', 'approved')
      .where('x.until', '<=', toTimestamp(before))
      .whereNull('x.ending_notified_at');
    const claimed: BaselineException[] = [];
    for (const row of soon) {
      const updated = await this.db('baseline_exceptions')
        .where({ id: row.id })
        .whereNull('ending_notified_at')
        .update({ ending_notified_at: toTimestamp(now) });
      if (updated === 1) claimed.push(toException(row));
    }
    return claimed;
  }
}

function toException(row: ExceptionRow): BaselineException {
  return {
    id: row.id,
    state: row.state as ExceptionState,
    environmentId: row.environment_id,
    environmentName: row.environment_name,
    entityRef: row.entity_ref,
    owner: row.owner,
    class: row.class,
    rule: row.rule,
    resourceId: row.resource_id || undefined,
    resourceName: row.resource_name ?? undefined,
    justification: row.justification,
    until: iso(row.until)!,
    approvers: row.approvers,
    requestedBy: row.requested_by,
    createdAt: iso(row.created_at)!,
    decidedBy: row.decided_by ?? undefined,
    decidedAt: iso(row.decided_at),
    comment: row.comment ?? undefined,
  };
}
