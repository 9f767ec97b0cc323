// @ts-check

/**
 * Baseline exceptions: a developer's time-boxed request to accept a `high` rule's findings
 * on one environment (and resource), decided by the approver group like a request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('baseline_exceptions', table => {
    table.string('id', 36).primary();
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('rule', 63).notNullable();
    // "" for the environment's own rules, so the one-open-exception index holds for them too.
    table.string('resource_id', 36).notNullable().defaultTo('');
    table.string('state', 20).notNullable();
    table.text('justification').notNullable();
    table.timestamp('until', { useTz: true }).notNullable();
    table.string('approvers', 255).notNullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('decided_by', 255);
    table.timestamp('decided_at', { useTz: true });
    table.text('comment');
    // Set when the owner was told the exception ends soon, so it goes out once.
    table.timestamp('ending_notified_at', { useTz: true });
    table.index(['environment_id'], 'baseline_exceptions_environment_idx');
    table.index(['state', 'until'], 'baseline_exceptions_state_idx');
  });
  await knex.schema.alterTable('baseline_exceptions', table => {
    // One exception waiting or in force per rule and resource: two replicas asking at
    // once, or approving at once, leave one.
    table.unique(['environment_id', 'rule', 'resource_id'], {
      indexName: 'baseline_exceptions_open_uq',
      predicate: knex.whereRaw("state in ('pending', 'approved')"),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('baseline_exceptions');
};
