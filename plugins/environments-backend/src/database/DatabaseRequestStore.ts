import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { EnvironmentFilter } from '../permissions/rules';
import { applyCriteria } from './applyCriteria';
import { moveStatus, operationRow } from './DatabaseChangeStore';
import { toTimestamp } from './dialect';
import {
  DecisionResult,
  RequestDecisionChange,
  RequestRecord,
  RequestsQuery,
  RequestStore,
} from './RequestStore';
import { newRequestRow, RequestRow, toRequestRecord } from './requestRows';
import { newResourceRows } from './rows';

/** A decision that found its environment moved undoes everything it wrote. */
class EnvironmentChanged extends Error {}

/** Requests that need approval, and the decisions that release or end them. */
export class DatabaseRequestStore implements RequestStore {
  constructor(private readonly db: Knex) {}

  private select(db: Knex = this.db) {
    return db('approval_requests as r')
      .join('environments as e', 'e.id', 'r.environment_id')
      .join('operations as o', 'o.id', 'r.operation_id')
      .select(
        'r.*',
        'e.name as environment_name',
        'e.entity_ref',
        'e.owner',
        'e.class',
        'e.tier',
        'o.type as operation_type',
      );
  }

  async get(id: string): Promise<RequestRecord | undefined> {
    const row: RequestRow | undefined = await this.select()
      .where('r.id', id)
      .first();
    return row && toRequestRecord(row);
  }

  async list(
    query: RequestsQuery,
    permissionFilter?: PermissionCriteria<EnvironmentFilter>,
  ): Promise<RequestRecord[]> {
    const builder = this.select();
    if (query.state) builder.where('r.state', query.state);
    if (query.class) builder.where('e.class', query.class);
    if (query.owner) builder.where('e.owner', query.owner);
    if (query.entityRefs) builder.whereIn('e.entity_ref', query.entityRefs);
    if (query.environmentId)
      builder.where('r.environment_id', query.environmentId);
    if (query.requestedBy) builder.where('r.requested_by', query.requestedBy);
    if (query.approvers) builder.whereIn('r.approvers', query.approvers);
    if (permissionFilter) {
      // The rules name environment columns; they apply to the joined environment.
      builder.whereIn('r.environment_id', inner => {
        inner.select('id').from('environments');
        applyCriteria(inner, permissionFilter);
      });
    }
    const rows: RequestRow[] = await builder
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .limit(500);
    return rows.map(toRequestRecord);
  }

  async openForUpdate(
    change: Parameters<RequestStore['openForUpdate']>[0],
  ): Promise<'written' | 'refused'> {
    const timestamp = toTimestamp(change.now);
    return this.db.transaction(async tx => {
      const live = await tx('environments')
        .where({ id: change.environmentId })
        .whereIn('status', [...change.liveStatuses])
        .forUpdate()
        .first('id');
      if (!live) return 'refused';
      await tx('operations').insert(
        operationRow(change.environmentId, change.operation, timestamp),
      );
      await tx('approval_requests').insert(
        newRequestRow(
          change.environmentId,
          change.operation.id,
          change.request,
          timestamp,
        ),
      );
      return 'written';
    });
  }

  async decide(change: RequestDecisionChange): Promise<DecisionResult> {
    const timestamp = toTimestamp(change.now);
    const approved = change.state === 'approved';
    try {
      return await this.db.transaction(async tx => {
        // The guard on `pending` makes one of two simultaneous decisions the only one.
        const updated = await tx('approval_requests')
          .where({ id: change.requestId, state: 'pending' })
          .update({
            state: change.state,
            decided_by: change.decidedBy,
            decided_at: timestamp,
            comment: change.comment ?? null,
          });
        if (updated === 0) return 'not-pending';
        if (
          change.status &&
          !(await moveStatus(
            tx,
            change.environmentId,
            change.status,
            timestamp,
            change.status.destroyed,
          ))
        ) {
          throw new EnvironmentChanged();
        }
        await tx('operations')
          .where({ id: change.operationId, state: 'awaiting-approval' })
          .update(
            approved
              ? { state: 'queued' }
              : {
                  state: 'failed',
                  error: change.error ?? null,
                  finished_at: timestamp,
                },
          );
        if (approved && change.newResources?.length) {
          await tx('resources').insert(
            newResourceRows(
              change.environmentId,
              change.newResources,
              timestamp,
            ),
          );
        }
        if (change.status?.destroyed) {
          // The resources of a create that never ran were never provisioned.
          await tx('resources')
            .where({ environment_id: change.environmentId })
            .update({
              status: 'destroyed',
              status_reason: change.error ?? null,
              updated_at: timestamp,
            });
        }
        return 'decided';
      });
    } catch (error) {
      if (error instanceof EnvironmentChanged) return 'environment-changed';
      throw error;
    }
  }

  async listExpired(now: Date): Promise<RequestRecord[]> {
    const rows: RequestRow[] = await this.select()
      .where('r.state', 'pending')
      .where('r.expires_at', '<=', toTimestamp(now));
    return rows.map(toRequestRecord);
  }

  async listUnnotified(): Promise<RequestRecord[]> {
    const rows: RequestRow[] = await this.select()
      .whereNot('r.state', 'pending')
      .whereNull('r.notified_at');
    return rows.map(toRequestRecord);
  }

  async claimNotice(id: string, now: Date): Promise<boolean> {
    const updated = await this.db('approval_requests')
      .where({ id })
      .whereNull('notified_at')
      .update({ notified_at: toTimestamp(now) });
    return updated > 0;
  }
}
