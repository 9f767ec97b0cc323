import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  Environment,
  EnvironmentResource,
  EnvironmentStatus,
  FindingSeverity,
  Lifecycle,
  Operation,
  OperationState,
  OperationType,
  ResourceOutputs,
  ResourceStatus,
  Tier,
} from '@paved/plugin-environments-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { EnvironmentFilter } from '../permissions/rules';

const migrationsDir = resolvePackagePath(
  '@paved/plugin-environments-backend',
  'migrations',
);

type Timestamp = string | Date;

export interface EnvironmentRow {
  id: string;
  name: string;
  class: string;
  tier: string;
  lifecycle: string;
  owner: string;
  entity_ref: string;
  created_by: string;
  status: string;
  status_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp | null;
  expiry_warned_at: Timestamp | null;
  expiry_reported_at: Timestamp | null;
  destroyed_at: Timestamp | null;
}

export interface ResourceRow {
  id: string;
  environment_id: string;
  type: string;
  name: string;
  provider: string;
  target: string;
  status: string;
  status_reason: string | null;
  spec: string;
  outputs: string;
  secret: string | null;
  observed: string | null;
  last_observed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OperationRow {
  id: string;
  environment_id: string;
  resource_id: string | null;
  type: string;
  state: string;
  attempts: number;
  requested_by: string;
  scaffolder_task_id: string | null;
  error: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  next_attempt_at: Timestamp | null;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
}

/** What the list endpoint can filter on; every field is optional. */
export interface ListQuery {
  entityRefs?: string[];
  owner?: string;
  class?: string;
  tier?: string;
  status?: string;
  expiringBefore?: string;
  includeDestroyed?: boolean;
  /** Only environments with (true) or without (false) an open baseline finding. */
  hasFindings?: boolean;
  limit: number;
  offset: number;
}

/** ISO strings compare correctly as text in SQLite and as timestamps in PostgreSQL. */
export function toTimestamp(date: Date): string {
  return date.toISOString();
}

export function iso(value: Timestamp | null | undefined): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  return new Date(value).toISOString();
}

/**
 * The environments service's tables. Owns its migrations, and respects the framework's
 * "skip migrations" switch.
 */
export class EnvironmentsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<EnvironmentsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new EnvironmentsStore(client);
  }

  private constructor(readonly db: Knex) {}

  get isPostgres(): boolean {
    return this.db.client.config.client === 'pg';
  }

  transaction<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async getEnvironment(
    id: string,
    tx: Knex = this.db,
  ): Promise<Environment | undefined> {
    const row = await tx<EnvironmentRow>('environments').where({ id }).first();
    if (!row) {
      return undefined;
    }
    const resources = await tx<ResourceRow>('resources')
      .where({ environment_id: id })
      .orderBy('created_at')
      .orderBy('name');
    const operations = await this.cardOperations([id], tx);
    const findings = await this.openFindingCounts([id], tx);
    return withFindings(
      withOperations(toEnvironment(row, resources), operations.get(id)),
      findings.get(id),
    );
  }

  /**
   * How many baseline findings each environment has open, by severity, in one query for
   * a page: a card says "2 open findings (1 blocking, 1 high)" without loading them.
   */
  private async openFindingCounts(
    environmentIds: string[],
    tx: Knex = this.db,
  ): Promise<Map<string, OpenFindingCounts>> {
    const counts = new Map<string, OpenFindingCounts>();
    if (!environmentIds.length) return counts;
    const rows = (await tx('findings')
      .whereIn('environment_id', environmentIds)
      .whereNull('resolved_at')
      .groupBy('environment_id', 'severity')
      .select('environment_id', 'severity')
      .count({ count: '*' })) as Array<{
      environment_id: string;
      severity: FindingSeverity;
      count: string | number;
    }>;
    for (const row of rows) {
      const total = counts.get(row.environment_id) ?? {
        total: 0,
        bySeverity: {},
      };
      total.total += Number(row.count);
      total.bySeverity[row.severity] = Number(row.count);
      counts.set(row.environment_id, total);
    }
    return counts;
  }

  /**
   * The operations a card needs beside each environment, in one query for a whole page:
   * the one queued or running now, and the create that says which task made it.
   */
  private async cardOperations(
    environmentIds: string[],
    tx: Knex = this.db,
  ): Promise<Map<string, OperationRow[]>> {
    const byEnvironment = new Map<string, OperationRow[]>();
    if (!environmentIds.length) return byEnvironment;
    const rows = await tx<OperationRow>('operations')
      .whereIn('environment_id', environmentIds)
      .where(b =>
        b.whereIn('state', ['queued', 'running']).orWhere('type', 'create'),
      )
      .orderBy('created_at')
      .orderBy('id');
    for (const row of rows) {
      const list = byEnvironment.get(row.environment_id) ?? [];
      list.push(row);
      byEnvironment.set(row.environment_id, list);
    }
    return byEnvironment;
  }

  async getEnvironmentRow(
    id: string,
    tx: Knex = this.db,
  ): Promise<EnvironmentRow | undefined> {
    return tx<EnvironmentRow>('environments').where({ id }).first();
  }

  async findLiveByName(
    entityRef: string,
    name: string,
    tx: Knex = this.db,
  ): Promise<EnvironmentRow | undefined> {
    return tx<EnvironmentRow>('environments')
      .where({ entity_ref: entityRef, name })
      .whereNull('destroyed_at')
      .first();
  }

  async countLive(
    owner: string,
    className: string,
    tx: Knex = this.db,
  ): Promise<number> {
    const [{ count }] = await tx('environments')
      .where({ owner, class: className })
      .whereNull('destroyed_at')
      .count({ count: '*' });
    return Number(count);
  }

  /**
   * One page of environments with their resources and card operations, in four queries
   * (count, page, resources, operations) whatever the page size;
   * the permission filter is applied inside the query so pages and totals are honest.
   */
  async listEnvironments(
    query: ListQuery,
    permissionFilter?: PermissionCriteria<EnvironmentFilter>,
  ): Promise<{ items: Environment[]; totalItems: number }> {
    const base = this.db<EnvironmentRow>('environments').where(builder => {
      if (query.entityRefs) builder.whereIn('entity_ref', query.entityRefs);
      if (query.owner) builder.where('owner', query.owner);
      if (query.class) builder.where('class', query.class);
      if (query.tier) builder.where('tier', query.tier);
      if (query.status) builder.where('status', query.status);
      if (query.expiringBefore) {
        builder.where('expires_at', '<', query.expiringBefore);
      }
      if (!query.includeDestroyed) builder.whereNull('destroyed_at');
      if (query.hasFindings !== undefined) {
        const open = this.db('findings')
          .whereRaw('findings.environment_id = environments.id')
          .whereNull('findings.resolved_at');
        if (query.hasFindings) builder.whereExists(open);
        else builder.whereNotExists(open);
      }
      if (permissionFilter) applyCriteria(builder, permissionFilter);
    });

    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .select('*')
      .orderByRaw(
        // Production first, then the rest by tier, then by name: the order of the cards.
        `case tier when 'production' then 0 when 'staging' then 1 when 'development' then 2 else 3 end`,
      )
      .orderBy('name')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset);

    const resources = rows.length
      ? await this.db<ResourceRow>('resources')
          .whereIn(
            'environment_id',
            rows.map(r => r.id),
          )
          .orderBy('created_at')
          .orderBy('name')
      : [];
    const byEnvironment = new Map<string, ResourceRow[]>();
    for (const resource of resources) {
      const list = byEnvironment.get(resource.environment_id) ?? [];
      list.push(resource);
      byEnvironment.set(resource.environment_id, list);
    }
    const operations = await this.cardOperations(rows.map(r => r.id));
    const findings = await this.openFindingCounts(rows.map(r => r.id));
    return {
      items: rows.map(row =>
        withFindings(
          withOperations(
            toEnvironment(row, byEnvironment.get(row.id) ?? []),
            operations.get(row.id),
          ),
          findings.get(row.id),
        ),
      ),
      totalItems: Number(count),
    };
  }

  async listOperations(environmentId: string): Promise<Operation[]> {
    const rows = await this.db<OperationRow>('operations')
      .where({ environment_id: environmentId })
      .orderBy('created_at', 'desc')
      .orderBy('id');
    return rows.map(toOperation);
  }

  async getOperation(
    id: string,
    tx: Knex = this.db,
  ): Promise<Operation | undefined> {
    const row = await tx<OperationRow>('operations').where({ id }).first();
    return row && toOperation(row);
  }

  async getResourceRow(
    id: string,
    tx: Knex = this.db,
  ): Promise<ResourceRow | undefined> {
    return tx<ResourceRow>('resources').where({ id }).first();
  }

  async getResourceRows(environmentId: string, tx: Knex = this.db) {
    return tx<ResourceRow>('resources')
      .where({ environment_id: environmentId })
      .orderBy('created_at')
      .orderBy('name');
  }

  async updateEnvironment(
    id: string,
    fields: Partial<Omit<EnvironmentRow, 'id'>>,
    tx: Knex = this.db,
  ): Promise<void> {
    await tx('environments')
      .where({ id })
      .update({ ...fields, updated_at: toTimestamp(new Date()) });
  }

  async updateResource(
    id: string,
    fields: Partial<Omit<ResourceRow, 'id'>>,
    tx: Knex = this.db,
  ): Promise<void> {
    await tx('resources')
      .where({ id })
      .update({ ...fields, updated_at: toTimestamp(new Date()) });
  }
}

/** Translates the permission framework's criteria into WHERE clauses. */
export function applyCriteria(
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<EnvironmentFilter>,
): void {
  if ('allOf' in criteria) {
    builder.where(b => {
      for (const c of criteria.allOf)
        b.andWhere(inner => applyCriteria(inner, c));
    });
  } else if ('anyOf' in criteria) {
    builder.where(b => {
      for (const c of criteria.anyOf)
        b.orWhere(inner => applyCriteria(inner, c));
    });
  } else if ('not' in criteria) {
    builder.whereNot(b => applyCriteria(b, criteria.not));
  } else if (criteria.values.length === 0) {
    // An empty list matches nothing.
    builder.whereRaw('1 = 0');
  } else {
    builder.whereIn(criteria.property, criteria.values);
  }
}

export function toEnvironment(
  row: EnvironmentRow,
  resources: ResourceRow[],
): Environment {
  return {
    id: row.id,
    name: row.name,
    class: row.class,
    tier: row.tier as Tier,
    lifecycle: row.lifecycle as Lifecycle,
    status: row.status as EnvironmentStatus,
    statusReason: row.status_reason ?? undefined,
    owner: row.owner,
    entityRef: row.entity_ref,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    expiresAt: iso(row.expires_at),
    resources: resources.map(toResource),
    // Filled in by the service, which knows the class's prices.
    estimatedMonthlyCost: { amount: 0, currency: 'USD' },
  };
}

function withOperations(
  environment: Environment,
  operations: OperationRow[] = [],
): Environment {
  const active = operations.find(
    op => op.state === 'queued' || op.state === 'running',
  );
  const created = operations.find(op => op.type === 'create');
  return {
    ...environment,
    activeOperation: active ? toOperation(active) : undefined,
    scaffolderTaskId: created?.scaffolder_task_id ?? undefined,
  };
}

interface OpenFindingCounts {
  total: number;
  bySeverity: Partial<Record<FindingSeverity, number>>;
}

/** The card's conformance line: left out when there is nothing to say. */
function withFindings(
  environment: Environment,
  open: OpenFindingCounts | undefined,
): Environment {
  return open?.total
    ? {
        ...environment,
        openFindings: open.total,
        openFindingsBySeverity: open.bySeverity,
      }
    : environment;
}

export function toResource(row: ResourceRow): EnvironmentResource {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    provider: row.provider,
    target: row.target,
    status: row.status as ResourceStatus,
    statusReason: row.status_reason ?? undefined,
    spec: JSON.parse(row.spec) as JsonObject,
    outputs: JSON.parse(row.outputs) as ResourceOutputs,
    lastObservedAt: iso(row.last_observed_at),
  };
}

export function toOperation(row: OperationRow): Operation {
  return {
    id: row.id,
    environmentId: row.environment_id,
    resourceId: row.resource_id ?? undefined,
    type: row.type as OperationType,
    state: row.state as OperationState,
    attempts: row.attempts,
    requestedBy: row.requested_by,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    error: row.error ?? undefined,
    nextAttemptAt: iso(row.next_attempt_at),
    scaffolderTaskId: row.scaffolder_task_id ?? undefined,
  };
}
