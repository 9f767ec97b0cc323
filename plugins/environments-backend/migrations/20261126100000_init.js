// @ts-check

/**
 * Environments, their resources, the operations that change them, and the answers given
 * to idempotent requests.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('environments', table => {
    table.string('id', 36).primary();
    table.string('name', 63).notNullable();
    table.string('class', 63).notNullable();
    table.string('tier', 20).notNullable();
    table.string('lifecycle', 20).notNullable();
    table.string('owner', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.string('status', 20).notNullable();
    table.text('status_reason');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true });
    table.timestamp('expiry_warned_at', { useTz: true });
    // Set once the owner was told that an expired environment is gone.
    table.timestamp('expiry_reported_at', { useTz: true });
    table.timestamp('destroyed_at', { useTz: true });
    table.index(['entity_ref'], 'environments_entity_ref_idx');
    table.index(['owner'], 'environments_owner_idx');
    table.index(['expires_at'], 'environments_expires_at_idx');
  });
  // One live environment of a name per entity; destroyed ones keep their history.
  await knex.schema.alterTable('environments', table => {
    table.unique(['entity_ref', 'name'], {
      indexName: 'environments_live_name_uq',
      predicate: knex.whereNull('destroyed_at'),
    });
  });

  await knex.schema.createTable('resources', table => {
    table.string('id', 36).primary();
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('type', 63).notNullable();
    table.string('name', 63).notNullable();
    table.string('provider', 63).notNullable();
    table.string('target', 63).notNullable();
    table.string('status', 20).notNullable();
    table.text('status_reason');
    table.text('spec').notNullable();
    table.text('outputs').notNullable();
    // AES-256-GCM ciphertext; never the cleartext.
    table.text('secret');
    table.text('observed');
    table.timestamp('last_observed_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['environment_id', 'name'], {
      indexName: 'resources_environment_name_uq',
    });
  });

  await knex.schema.createTable('operations', table => {
    table.string('id', 36).primary();
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('resource_id', 36);
    table.string('type', 20).notNullable();
    table.string('state', 20).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('requested_by', 255).notNullable();
    table.string('scaffolder_task_id', 255);
    table.text('error');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true });
    table.timestamp('finished_at', { useTz: true });
    table.timestamp('next_attempt_at', { useTz: true });
    table.string('lease_owner', 255);
    table.timestamp('lease_expires_at', { useTz: true });
    table.index(['state', 'next_attempt_at'], 'operations_claim_idx');
    table.index(['environment_id'], 'operations_environment_idx');
  });

  await knex.schema.createTable('idempotency_keys', table => {
    table.string('principal', 255).notNullable();
    table.string('key', 255).notNullable();
    table.string('request_hash', 64).notNullable();
    table.string('environment_id', 36).notNullable();
    table.string('operation_id', 36).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['principal', 'key']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.dropTable('operations');
  await knex.schema.dropTable('resources');
  await knex.schema.dropTable('environments');
};
