import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Finding, FindingSeverity } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { EnvironmentFilter } from '../permissions/rules';
import { applyCriteria, iso, toTimestamp } from './EnvironmentsStore';

type Timestamp = string | Date;

export interface FindingRow {
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

export interface FindingsQuery {
  environmentId?: string;
  entityRefs?: string[];
  severity?: FindingSeverity;
  state?: 'open' | 'resolved';
}

/** Enough rows for a card or a page; the newest first. */
const MAX_FINDINGS = 500;

/** The `findings` table: what the reconciler records and the API reads. */
export class FindingsStore {
  constructor(readonly db: Knex) {}

  /** The open findings of these environments. */
  async open(environmentIds: string[]): Promise<FindingRow[]> {
    const rows: FindingRow[] = [];
    // Chunked: SQLite limits how many values one statement may bind.
    for (let i = 0; i < environmentIds.length; i += 500) {
      rows.push(
        ...(await this.db<FindingRow>('findings')
          .whereIn('environment_id', environmentIds.slice(i, i + 500))
          .whereNull('resolved_at')),
      );
    }
    return rows;
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
      )
      .orderBy('f.detected_at', 'desc')
      .orderBy('f.id')
      .limit(MAX_FINDINGS);
    return rows.map(toFinding);
  }

  /** Marks a finding as announced; true for the one call that did. */
  async claimNotification(id: string, now: Date): Promise<boolean> {
    const updated = await this.db('findings')
      .where({ id })
      .whereNull('notified_at')
      .update({ notified_at: toTimestamp(now) });
    return updated === 1;
  }
}

function toFinding(
  row: FindingRow & {
    environment_name: string;
    entity_ref: string;
    resource_name: string | null;
  },
): Finding {
  return {
    id: row.id,
    environmentId: row.environment_id,
    environmentName: row.environment_name,
    entityRef: row.entity_ref,
    resourceId: row.resource_id ?? undefined,
    resourceName: row.resource_name ?? undefined,
    rule: row.rule,
    severity: row.severity as FindingSeverity,
    field: row.field,
    message: row.message,
    link: row.link,
    expected: row.expected,
    observed: row.observed,
    detectedAt: iso(row.detected_at)!,
    resolvedAt: iso(row.resolved_at),
  };
}
