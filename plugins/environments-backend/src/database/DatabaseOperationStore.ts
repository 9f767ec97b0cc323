import { Operation } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { isPostgres, toTimestamp } from './dialect';
import { OperationStore } from './EnvironmentsStore';
import { ClaimedOperation } from './records';
import { OperationRow, toOperation } from './rows';

/** The `operations` table as a queue with leases. */
export class DatabaseOperationStore implements OperationStore {
  constructor(private readonly db: Knex) {}

  async getOperation(id: string): Promise<Operation | undefined> {
    const row = await this.db<OperationRow>('operations').where({ id }).first();
    return row && toOperation(row);
  }

  async listOperations(environmentId: string): Promise<Operation[]> {
    const rows = await this.db<OperationRow>('operations')
      .where({ environment_id: environmentId })
      .orderBy('created_at', 'desc')
      .orderBy('id');
    return rows.map(toOperation);
  }

  async claimNextOperation(
    workerId: string,
    leaseMs: number,
    now: Date,
  ): Promise<ClaimedOperation | undefined> {
    const postgres = isPostgres(this.db);
    const nowTs = toTimestamp(now);
    // One statement: replicas racing for the same row never both win it.
    const result = await this.db.raw(
      `UPDATE operations
          SET state = 'running', lease_owner = ?, lease_expires_at = ?,
              attempts = attempts + 1, started_at = COALESCE(started_at, ?)
        WHERE id = (
          SELECT o.id FROM operations o
           WHERE ((o.state = 'queued' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?))
               OR (o.state = 'running' AND o.lease_expires_at < ?))
             AND NOT EXISTS (
               SELECT 1 FROM operations p
                WHERE p.environment_id = o.environment_id
                  AND p.state IN ('queued', 'running')
                  AND (p.created_at < o.created_at OR (p.created_at = o.created_at AND p.id < o.id)))
           ORDER BY o.created_at, o.id
           LIMIT 1
           ${postgres ? 'FOR UPDATE SKIP LOCKED' : ''})
        RETURNING *`,
      [
        workerId,
        toTimestamp(new Date(now.getTime() + leaseMs)),
        nowTs,
        nowTs,
        nowTs,
      ],
    );
    const rows: OperationRow[] = postgres ? result.rows : result;
    return rows[0] && { ...toOperation(rows[0]), attempts: rows[0].attempts };
  }

  async renewLease(
    operationId: string,
    workerId: string,
    leaseMs: number,
  ): Promise<boolean> {
    const updated = await this.db('operations')
      .where({ id: operationId, lease_owner: workerId, state: 'running' })
      .update({
        lease_expires_at: toTimestamp(new Date(Date.now() + leaseMs)),
      });
    return updated > 0;
  }

  async holdsLease(operationId: string, workerId: string): Promise<boolean> {
    const row = await this.db('operations')
      .where({ id: operationId, lease_owner: workerId })
      .first('id');
    return Boolean(row);
  }
}
