import { Knex } from 'knex';
import { isUniqueViolation, toTimestamp } from './dialect';
import { ChangeStore, StatusChange, WriteResult } from './EnvironmentsStore';
import { NewOperation } from './records';
import { newRequestRow } from './requestRows';
import { newResourceRows } from './rows';

/** Writes that change environments, resources and operations together. */
export class DatabaseChangeStore implements ChangeStore {
  constructor(private readonly db: Knex) {}

  async createEnvironment(
    change: Parameters<ChangeStore['createEnvironment']>[0],
  ): Promise<WriteResult> {
    const { environment: e, now } = change;
    const timestamp = toTimestamp(now);
    return this.refusingDuplicates(async tx => {
      await tx('environments').insert({
        id: e.id,
        name: e.name,
        class: e.class,
        tier: e.tier,
        lifecycle: e.lifecycle,
        owner: e.owner,
        entity_ref: e.entityRef,
        created_by: e.createdBy,
        status: e.status,
        created_at: timestamp,
        updated_at: timestamp,
        expires_at: e.expiresAt ?? null,
      });
      if (change.resources.length) {
        await tx('resources').insert(
          newResourceRows(e.id, change.resources, timestamp),
        );
      }
      await tx('operations').insert(
        operationRow(e.id, change.operation, timestamp),
      );
      if (change.request) {
        await tx('approval_requests').insert(
          newRequestRow(e.id, change.operation.id, change.request, timestamp),
        );
      }
      if (change.idempotency) {
        await tx('idempotency_keys').insert({
          principal: change.idempotency.principal,
          key: change.idempotency.key,
          request_hash: change.idempotency.requestHash,
          environment_id: e.id,
          operation_id: change.operation.id,
          created_at: timestamp,
        });
      }
      return 'written';
    });
  }

  async queueOperation(
    change: Parameters<ChangeStore['queueOperation']>[0],
  ): Promise<WriteResult> {
    const { environmentId, now } = change;
    const timestamp = toTimestamp(now);
    return this.refusingDuplicates(async tx => {
      if (change.whenIdle) {
        const busy = await tx('operations')
          .where({ environment_id: environmentId })
          .whereIn('state', ['queued', 'running'])
          .first('id');
        if (busy) return 'refused';
      }
      // The status guard makes two racing requests safe: only one finds it still in `from`.
      if (!(await moveStatus(tx, environmentId, change.status, timestamp)))
        return 'refused';
      if (change.newResources?.length) {
        await tx('resources').insert(
          newResourceRows(environmentId, change.newResources, timestamp),
        );
      }
      if (change.pendingResourceIds) {
        await tx('resources')
          .whereIn('id', change.pendingResourceIds.ids)
          .update({
            status: 'pending',
            status_reason: change.pendingResourceIds.reason,
            updated_at: timestamp,
          });
      }
      await tx('operations').insert(
        operationRow(environmentId, change.operation, timestamp),
      );
      return 'written';
    });
  }

  async extendExpiry(
    change: Parameters<ChangeStore['extendExpiry']>[0],
  ): Promise<void> {
    const timestamp = toTimestamp(change.now);
    await this.db.transaction(async tx => {
      await tx('environments')
        .where({ id: change.environmentId })
        .update({
          expires_at: toTimestamp(change.expiresAt),
          expiry_warned_at: null,
          updated_at: timestamp,
        });
      await tx('operations').insert(
        operationRow(change.environmentId, change.operation, timestamp),
      );
    });
  }

  async setEnvironmentStatus(
    environmentId: string,
    status: StatusChange,
    now: Date,
  ) {
    return moveStatus(this.db, environmentId, status, toTimestamp(now));
  }

  async setResourceStatus(
    change: Parameters<ChangeStore['setResourceStatus']>[0],
  ) {
    const query = this.db('resources').where({ id: change.resourceId });
    if (change.lease) {
      // Progress of a worker presumed dead must not overwrite the one that took over.
      query.whereExists(
        this.db('operations').where({
          id: change.lease.operationId,
          lease_owner: change.lease.workerId,
        }),
      );
    }
    const updated = await query.update({
      status: change.status,
      status_reason: change.reason ?? null,
      ...(change.outputs && { outputs: JSON.stringify(change.outputs) }),
      ...(change.secret !== undefined && { secret: change.secret }),
      updated_at: toTimestamp(change.now),
    });
    return updated > 0;
  }

  async finishOperation(change: Parameters<ChangeStore['finishOperation']>[0]) {
    const timestamp = toTimestamp(change.now);
    const done = change.state !== 'queued';
    return this.db.transaction(async tx => {
      const updated = await tx('operations')
        .where({ id: change.operationId, lease_owner: change.workerId })
        .update({
          state: change.state,
          error: change.error ?? null,
          ...(change.nextAttemptAt && {
            next_attempt_at: toTimestamp(change.nextAttemptAt),
          }),
          ...(change.refundAttempt && { attempts: tx.raw('attempts - 1') }),
          lease_owner: null,
          lease_expires_at: null,
          finished_at: done ? timestamp : null,
        });
      if (updated === 0) return false;
      if (change.environment) {
        const { environmentId, destroyed, ...status } = change.environment;
        await moveStatus(tx, environmentId, status, timestamp, destroyed);
      }
      if (change.inFlightResources) {
        const { environmentId, status, reason } = change.inFlightResources;
        await tx('resources')
          .where({ environment_id: environmentId })
          .whereIn('status', ['provisioning', 'destroying'])
          .update({
            ...(status && { status }),
            status_reason: reason,
            updated_at: timestamp,
          });
      }
      return true;
    });
  }

  private async refusingDuplicates(
    write: (tx: Knex.Transaction) => Promise<WriteResult>,
  ): Promise<WriteResult> {
    try {
      return await this.db.transaction(write);
    } catch (error) {
      if (isUniqueViolation(error)) return 'duplicate';
      throw error;
    }
  }
}

/** Moves an environment's status only while it is in `status.from`. */
export async function moveStatus(
  db: Knex,
  environmentId: string,
  status: StatusChange,
  timestamp: string,
  destroyed = false,
): Promise<boolean> {
  const updated = await db('environments')
    .where({ id: environmentId })
    .whereIn('status', [...status.from])
    .update({
      status: status.to,
      status_reason: status.reason ?? null,
      updated_at: timestamp,
      ...(destroyed && { destroyed_at: timestamp }),
    });
  return updated > 0;
}

export function operationRow(
  environmentId: string,
  operation: NewOperation,
  timestamp: string,
) {
  const done = operation.state === 'succeeded';
  return {
    id: operation.id,
    environment_id: environmentId,
    type: operation.type,
    state: operation.state ?? 'queued',
    attempts: done ? 1 : 0,
    requested_by: operation.requestedBy,
    scaffolder_task_id: operation.scaffolderTaskId ?? null,
    created_at: timestamp,
    ...(done && { started_at: timestamp, finished_at: timestamp }),
  };
}
