import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Environment } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import {
  EnvironmentFilter,
  EnvironmentPermissionResource,
} from '../permissions/rules';
import { applyCriteria } from './applyCriteria';
import { acceptingException } from './DatabaseFindingStore';
import { chunks, toTimestamp } from './dialect';
import { toEnvironmentViews } from './environmentViews';
import { EnvironmentStore, ListQuery } from './EnvironmentsStore';
import { EnvironmentRecord, ResourceRecord } from './records';
import {
  EnvironmentRow,
  ResourceRow,
  toEnvironmentRecord,
  toResourceRecord,
} from './rows';

const NOTICE_COLUMNS = {
  'expiry-warning': 'expiry_warned_at',
  'expiry-report': 'expiry_reported_at',
} as const;

/** The `environments` and `resources` tables, read. */
export class DatabaseEnvironmentStore implements EnvironmentStore {
  constructor(private readonly db: Knex) {}

  async getEnvironment(id: string): Promise<Environment | undefined> {
    const row = await this.db<EnvironmentRow>('environments')
      .where({ id })
      .first();
    return row && (await toEnvironmentViews(this.db, [row]))[0];
  }

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
      if (query.expiringBefore)
        builder.where('expires_at', '<', query.expiringBefore);
      if (!query.includeDestroyed) builder.whereNull('destroyed_at');
      if (query.hasFindings !== undefined) {
        // Open as the card counts them: a finding an approved exception accepts is not.
        const open = this.db('findings as f')
          .leftJoin('baseline_exceptions as x', acceptingException(this.db))
          .whereRaw('f.environment_id = environments.id')
          .whereNull('f.resolved_at')
          .whereNull('x.id');
        if (query.hasFindings) builder.whereExists(open);
        else builder.whereNotExists(open);
      }
      if (permissionFilter) applyCriteria(builder, permissionFilter);
    });
    const [[{ count }], rows] = await Promise.all([
      base.clone().count({ count: '*' }),
      base
        .clone()
        .select('*')
        .orderByRaw(
          // Production first, then the rest by tier, then by name: the order of the cards.
          `case tier when 'production' then 0 when 'staging' then 1 when 'development' then 2 else 3 end`,
        )
        .orderBy('name')
        .orderBy('id')
        .limit(query.limit)
        .offset(query.offset),
    ]);
    return {
      items: await toEnvironmentViews(this.db, rows as EnvironmentRow[]),
      totalItems: Number(count),
    };
  }

  async getRecord(id: string): Promise<EnvironmentRecord | undefined> {
    const row = await this.db<EnvironmentRow>('environments')
      .where({ id })
      .first();
    return row && toEnvironmentRecord(row);
  }

  async getPermissionResources(
    ids: string[],
  ): Promise<Array<EnvironmentPermissionResource | undefined>> {
    const rows: Array<
      Pick<EnvironmentRow, 'id' | 'owner' | 'tier' | 'status'>
    > = [];
    for (const part of chunks(ids)) {
      rows.push(
        ...(await this.db('environments')
          .whereIn('id', part)
          .select('id', 'owner', 'tier', 'status')),
      );
    }
    const byId = new Map(rows.map(r => [r.id, r]));
    return ids.map(
      id => byId.get(id) as EnvironmentPermissionResource | undefined,
    );
  }

  async hasLiveNamed(entityRef: string, name: string): Promise<boolean> {
    const row = await this.db('environments')
      .where({ entity_ref: entityRef, name })
      .whereNull('destroyed_at')
      .first('id');
    return Boolean(row);
  }

  async countLive(owner: string, className: string): Promise<number> {
    const [{ count }] = await this.db('environments')
      .where({ owner, class: className })
      .whereNull('destroyed_at')
      .count({ count: '*' });
    return Number(count);
  }

  async getResource(id: string): Promise<ResourceRecord | undefined> {
    const row = await this.db<ResourceRow>('resources').where({ id }).first();
    return row && toResourceRecord(row);
  }

  async listResources(environmentId: string): Promise<ResourceRecord[]> {
    const rows = await this.db<ResourceRow>('resources')
      .where({ environment_id: environmentId })
      .orderBy('created_at')
      .orderBy('name');
    return rows.map(toResourceRecord);
  }

  async listReconcilable() {
    const rows = await this.db<EnvironmentRow>('environments')
      .whereIn('status', ['ready', 'degraded'])
      .whereNull('destroyed_at');
    const resources: ResourceRow[] = [];
    for (const part of chunks(rows.map(r => r.id))) {
      resources.push(
        ...(await this.db<ResourceRow>('resources')
          .whereIn('environment_id', part)
          .whereNot('status', 'destroyed')),
      );
    }
    return {
      environments: rows.map(toEnvironmentRecord),
      resources: resources.map(toResourceRecord),
    };
  }

  async recordObservations(
    changed: Array<{ resourceId: string; observed: object }>,
    seenIds: string[],
    now: Date,
  ): Promise<void> {
    // What changed is written row by row; when everything was seen, in a few statements.
    await this.db.transaction(async tx => {
      for (const update of changed) {
        await tx('resources')
          .where({ id: update.resourceId })
          .update({ observed: JSON.stringify(update.observed) });
      }
      for (const part of chunks(seenIds)) {
        await tx('resources')
          .whereIn('id', part)
          .update({ last_observed_at: toTimestamp(now) });
      }
    });
  }

  async listExpiring(
    now: Date,
    withinMs: number,
  ): Promise<EnvironmentRecord[]> {
    const rows = await this.liveEphemeral()
      .whereNull('expiry_warned_at')
      .where('expires_at', '>', toTimestamp(now))
      .where(
        'expires_at',
        '<=',
        toTimestamp(new Date(now.getTime() + withinMs)),
      );
    return rows.map(toEnvironmentRecord);
  }

  async listExpired(now: Date): Promise<EnvironmentRecord[]> {
    const rows = await this.liveEphemeral().where(
      'expires_at',
      '<=',
      toTimestamp(now),
    );
    return rows.map(toEnvironmentRecord);
  }

  async listDestroyedUnreported(
    principal: string,
  ): Promise<EnvironmentRecord[]> {
    const rows = await this.db<EnvironmentRow>('environments')
      .where({ lifecycle: 'ephemeral', status: 'destroyed' })
      .whereNull('expiry_reported_at')
      .whereExists(
        this.db('operations')
          .whereRaw('operations.environment_id = environments.id')
          .where({
            type: 'destroy',
            state: 'succeeded',
            requested_by: principal,
          }),
      );
    return rows.map(toEnvironmentRecord);
  }

  async claimNotice(
    id: string,
    notice: keyof typeof NOTICE_COLUMNS,
    now: Date,
  ): Promise<boolean> {
    const column = NOTICE_COLUMNS[notice];
    const updated = await this.db('environments')
      .where({ id })
      .whereNull(column)
      .update({ [column]: toTimestamp(now) });
    return updated === 1;
  }

  private liveEphemeral() {
    return (
      this.db<EnvironmentRow>('environments')
        .where({ lifecycle: 'ephemeral' })
        .whereNull('destroyed_at')
        // A request awaiting approval ends by its own expiry, not by the TTL.
        .whereNotIn('status', ['awaiting-approval', 'destroying', 'destroyed'])
    );
  }
}
