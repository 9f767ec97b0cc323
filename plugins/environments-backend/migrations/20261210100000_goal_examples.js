// @ts-check

/**
 * Example goal history: a portal that asks for it (`environments.goalSnapshots.exampleHistory`)
 * starts with 90 days of made-up snapshots per goal, so its Goals page has a chart on the
 * first start. They are flagged, so the page and the export can say so, and a goal's
 * status and notifications never count them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('goal_snapshots', table => {
    table.boolean('example').notNullable().defaultTo(false);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Made-up history goes with the flag that tells it from the real one.
  await knex('goal_snapshots').where({ example: true }).delete();
  await knex.schema.alterTable('goal_snapshots', table => {
    table.dropColumn('example');
  });
};
