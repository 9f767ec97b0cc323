// @ts-check

/**
 * Findings: a rule of an environment's baseline that a live environment or resource
 * breaks, from when the reconciler first saw it until it saw it fixed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('findings', table => {
    table.string('id', 36).primary();
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('resource_id', 36);
    // What the finding is about: the resource (or "-") and the rule; one open finding each.
    table.string('key', 255).notNullable();
    table.string('rule', 63).notNullable();
    table.string('severity', 20).notNullable();
    table.string('field', 255).notNullable();
    table.text('message').notNullable();
    table.text('link').notNullable();
    table.text('expected').notNullable();
    table.text('observed').notNullable();
    table.timestamp('detected_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true });
    // Set when the owner was told, so a finding is announced once, not once per pass.
    table.timestamp('notified_at', { useTz: true });
    table.index(['environment_id'], 'findings_environment_idx');
    table.index(['resolved_at'], 'findings_resolved_at_idx');
  });
  await knex.schema.alterTable('findings', table => {
    table.unique(['environment_id', 'key'], {
      indexName: 'findings_open_key_uq',
      predicate: knex.whereNull('resolved_at'),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('findings');
};
