import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Finding, FindingSeverity } from '@paved/plugin-environments-common';
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
  FindingRecord,
  FindingsQuery,
  FindingStore,
} from './EnvironmentsStore';

interface FindingRow {
  id: string;
  environment_id: string;
  resource_id: string | null;
  key: string;
  rule: string;
  severity: string;
  field: string;
  message: string;
  link: string;
  expected: string;
  observed: string;
  detected_at: Timestamp;
  resolved_at: Timestamp | null;
  notified_at: Timestamp | null;
}

/** Enough rows for a card or a page; the newest first. */
const MAX_FINDINGS = 500;

/** The `findings` table: what the reconciler records and the API reads. */
export class DatabaseFindingStore implements FindingStore {
  constructor(private readonly db: Knex) {}

  async listOpen(environmentIds: string[]): Promise<FindingRecord[]> {
    const rows: FindingRow[] = [];
    for (const part of chunks(environmentIds)) {
      rows.push(
        ...(await this.db<FindingRow>('findings')
          .whereIn('environment_id', part)
          .whereNull('resolved_at')),
      );
    }
    return rows.map(toRecord);
  }

  async list(
    query: FindingsQuery,
    permissionFilter?: PermissionCriteria<EnvironmentFilter>,
  ): Promise<Finding[]> {
    const environments = this.db('environments')
      .select('id')
      .where(builder => {
        if (query.environmentId) builder.where('id', query.environmentId);
        if (query.entityRefs) builder.whereIn('entity_ref', query.entityRefs);
        if (permissionFilter) applyCriteria(builder, permissionFilter);
      });
    const rows = await this.db('findings as f')
      .join('environments as e', 'e.id', 'f.environment_id')
      .leftJoin('resources as r', 'r.id', 'f.resource_id')
      .leftJoin('baseline_exceptions as x', acceptingException(this.db))
      .whereIn('f.environment_id', environments)
      .where(builder => {
        if (query.severity) builder.where('f.severity', query.severity);
        if (query.state === 'open') builder.whereNull('f.resolved_at');
        if (query.state === 'resolved') builder.whereNotNull('f.resolved_at');
      })
      .select(
        'f.*',
        'e.name as environment_name',
        'e.entity_ref as entity_ref',
        'r.name as resource_name',
        'x.id as exception_id',
        'x.decided_by as exception_by',
        'x.until as exception_until',
        'x.justification as exception_justification',
      )
      .orderBy('f.detected_at', 'desc')
      .orderBy('f.id')
      .limit(MAX_FINDINGS);
    return rows.map(toFinding);
  }

  async recordFindings(change: Parameters<FindingStore['recordFindings']>[0]) {
    const timestamp = toTimestamp(change.now);
    for (const f of change.update) {
      await this.db('findings').where({ id: f.id }).update({
        observed: f.observed,
        expected: f.expected,
        severity: f.severity,
        message: f.message,
        link: f.link,
      });
    }
    const opened: FindingRecord[] = [];
    for (const f of change.open) {
      try {
        await this.db('findings').insert({
          ...toRow(f),
          detected_at: timestamp,
        });
        opened.push(f);
      } catch (error) {
        // Open already (a pass that overlapped this one); the unique index keeps one.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    for (const part of chunks(change.resolveIds)) {
      await this.db('findings')
        .whereIn('id', part)
        .whereNull('resolved_at')
        .update({ resolved_at: timestamp });
    }
    return opened;
  }

  async claimNotification(id: string, now: Date): Promise<boolean> {
    const updated = await this.db('findings')
      .where({ id })
      .whereNull('notified_at')
      .update({ notified_at: toTimestamp(now) });
    return updated === 1;
  }
}

/**
 * The join condition from a finding (`f`) to the approved exception (`x`) that accepts it:
 * same environment, rule and resource ("" for the environment's own rules).
 */
export function acceptingException(db: Knex): Knex.JoinCallback {
  return function join(this: Knex.JoinClause) {
    this.on('x.environment_id', '=', 'f.environment_id')
      .andOn('x.rule', '=', 'f.rule')
      .andOn('x.resource_id', '=', db.raw("coalesce(f.resource_id, '')"))
      .andOnVal('x.state', '=', 'approved');
  };
}

function toRow(f: FindingRecord) {
  return {
    id: f.id,
    environment_id: f.environmentId,
    resource_id: f.resourceId ?? null,
    key: f.key,
    rule: f.rule,
    severity: f.severity,
    field: f.field,
    message: f.message,
    link: f.link,
    expected: f.expected,
    observed: f.observed,
    resolved_at: null,
    notified_at: null,
  };
}

function toRecord(row: FindingRow): FindingRecord {
  return {
    id: row.id,
    environmentId: row.environment_id,
    resourceId: row.resource_id ?? undefined,
    key: row.key,
    rule: row.rule,
    severity: row.severity as FindingSeverity,
    field: row.field,
    message: row.message,
    link: row.link,
    expected: row.expected,
    observed: row.observed,
  };
}

function toFinding(
  row: FindingRow & {
    environment_name: string;
    entity_ref: string;
    resource_name: string | null;
    exception_id: string | null;
    exception_by: string | null;
    exception_until: Timestamp | null;
    exception_justification: string | null;
  },
): Finding {
  const { key: _key, ...finding } = toRecord(row);
  const resolvedAt = iso(row.resolved_at);
  return {
    ...finding,
    environmentName: row.environment_name,
    entityRef: row.entity_ref,
    resourceName: row.resource_name ?? undefined,
    detectedAt: iso(row.detected_at)!,
    resolvedAt,
    // A resolved finding needs no acceptance; only open ones show what accepts them.
    ...(row.exception_id &&
      !resolvedAt && {
        exception: {
          id: row.exception_id,
          acceptedBy: row.exception_by!,
          until: iso(row.exception_until)!,
          justification: row.exception_justification!,
        },
      }),
  };
}
