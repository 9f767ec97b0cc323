// @ts-check

/**
 * Requests that need approval: a create or an update stored with its plan, waiting for a
 * member of the approver group. Its operation waits beside it in `awaiting-approval`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('approval_requests', table => {
    table.string('id', 36).primary();
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table
      .string('operation_id', 36)
      .notNullable()
      .references('id')
      .inTable('operations')
      .onDelete('CASCADE');
    table.string('state', 20).notNullable();
    table.string('approvers', 255).notNullable();
    // Why the policy asked for approval, as JSON text.
    table.text('reasons').notNullable();
    // What is provisioned once approved: resources, cost and the rules broken, as JSON text.
    table.text('plan').notNullable();
    table.text('reason');
    table.string('requested_by', 255).notNullable();
    table.boolean('self_approval').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.string('decided_by', 255);
    table.timestamp('decided_at', { useTz: true });
    table.text('comment');
    // Set when the requester was told of the decision, so it goes out once.
    table.timestamp('notified_at', { useTz: true });
    table.index(['state', 'expires_at'], 'approval_requests_state_idx');
    table.index(['environment_id'], 'approval_requests_environment_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('approval_requests');
};
