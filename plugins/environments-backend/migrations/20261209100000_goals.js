// @ts-check

/**
 * Shared goals: one snapshot of each goal's value per day, the notices already sent about
 * goals (so each goes out once, whichever replica sends it), and the requests a blocking
 * baseline rule refused, which leave no environment or operation behind to count them by.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('goal_snapshots', table => {
    table.string('goal_id', 63).notNullable();
    // The UTC day, YYYY-MM-DD: text sorts and compares the same on every engine.
    table.string('day', 10).notNullable();
    table.double('value');
    table.double('target').notNullable();
    table.string('direction', 10).notNullable();
    table.string('status', 20).notNullable();
    // Every statistic of the goal's metric that day, as JSON text.
    table.text('statistics').notNullable();
    table.timestamp('taken_at', { useTz: true }).notNullable();
    table.primary(['goal_id', 'day']);
  });

  await knex.schema.createTable('goal_notices', table => {
    // e.g. `reached:<goal>:atLeast:95` or `digest:2026-12-07:group:default/checkout-team`.
    table.string('notice', 255).primary();
    table.timestamp('sent_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('baseline_refusals', table => {
    table.string('id', 36).primary();
    // `create`, or `update` for resources added to an existing environment.
    table.string('operation_type', 20).notNullable();
    table.string('environment_id', 36);
    table.string('name', 63).notNullable();
    table.string('class', 63).notNullable();
    table.string('tier', 20).notNullable();
    table.string('owner', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('requested_by', 255).notNullable();
    // The blocking rules broken, comma-separated.
    table.text('rules').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['created_at'], 'baseline_refusals_created_at_idx');
  });

  // What the windowed goal metrics filter on.
  await knex.schema.alterTable('operations', table => {
    table.index(['finished_at'], 'operations_finished_at_idx');
  });
  await knex.schema.alterTable('environments', table => {
    table.index(['created_at'], 'environments_created_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('environments', table => {
    table.dropIndex([], 'environments_created_at_idx');
  });
  await knex.schema.alterTable('operations', table => {
    table.dropIndex([], 'operations_finished_at_idx');
  });
  await knex.schema.dropTable('baseline_refusals');
  await knex.schema.dropTable('goal_notices');
  await knex.schema.dropTable('goal_snapshots');
};
