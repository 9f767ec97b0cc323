import { Knex } from 'knex';
import { IdempotencyStore } from './EnvironmentsStore';

/** The `idempotency_keys` table: which request a caller's key stood for. */
export class DatabaseIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Knex) {}

  async find(principal: string, key: string) {
    const row = await this.db('idempotency_keys')
      .where({ principal, key })
      .first();
    return (
      row && {
        requestHash: row.request_hash as string,
        environmentId: row.environment_id as string,
        operationId: row.operation_id as string,
      }
    );
  }
}
