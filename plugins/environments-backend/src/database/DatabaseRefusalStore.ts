import { Knex } from 'knex';
import { toTimestamp } from './dialect';
import { BaselineRefusal, RefusalStore } from './RefusalStore';

/** The `baseline_refusals` table. */
export class DatabaseRefusalStore implements RefusalStore {
  constructor(private readonly db: Knex) {}

  async record(refusal: BaselineRefusal, now: Date) {
    await this.db('baseline_refusals').insert({
      id: refusal.id,
      operation_type: refusal.operationType,
      environment_id: refusal.environmentId ?? null,
      name: refusal.name,
      class: refusal.class,
      tier: refusal.tier,
      owner: refusal.owner,
      entity_ref: refusal.entityRef,
      requested_by: refusal.requestedBy,
      rules: refusal.rules.join(','),
      created_at: toTimestamp(now),
    });
  }
}
