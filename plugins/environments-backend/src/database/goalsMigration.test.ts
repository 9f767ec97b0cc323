import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

const directory = resolvePackagePath(
  '@paved/plugin-environments-backend',
  'migrations',
);

/** Runs the migrations up to and including `name`, so `down` undoes that one. */
async function migrateUpTo(knex: Knex, name: string) {
  for (;;) {
    const [done] = await knex.migrate.list({ directory });
    if (done.some((m: { name: string }) => m.name === name)) return;
    await knex.migrate.up({ directory });
  }
}

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('20261209100000_goals.js on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  it('adds goal snapshots, one per goal and day, the notices and the refusals, and goes down again', async () => {
    const knex = await databases.init(databaseId);
    await migrateUpTo(knex, '20261209100000_goals.js');
    const snapshot = (value: number) => ({
      goal_id: 'golden-paths',
      day: '2026-12-10',
      value,
      target: 80,
      direction: 'atLeast',
      status: 'behind',
      statistics: '{}',
      taken_at: new Date().toISOString(),
    });
    await knex('goal_snapshots').insert(snapshot(40));
    // As in migrations.test.ts: under load, a second SQLite insert was once seen to
    // pass in these tests, so SQLite's key is checked by its definition.
    const oneSnapshotPerDay =
      databaseId === 'SQLITE_3'
        ? /primary key \(`goal_id`, `day`\)/.test(
            (
              await knex('sqlite_master')
                .where({ name: 'goal_snapshots' })
                .first()
            ).sql,
          )
        : await knex('goal_snapshots')
            .insert(snapshot(50))
            .then(
              () => false,
              () => true,
            );
    expect(oneSnapshotPerDay).toBe(true);
    await knex('goal_notices').insert({
      notice: 'digest:2026-12-10:group:default/a',
      sent_at: new Date().toISOString(),
    });
    expect(await knex.schema.hasTable('baseline_refusals')).toBe(true);

    await knex.migrate.down({ directory });
    for (const table of [
      'goal_snapshots',
      'goal_notices',
      'baseline_refusals',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    expect(await knex.schema.hasTable('operations')).toBe(true);
    // And up again: the indexes it dropped on the way down can be made again.
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('goal_snapshots')).toBe(true);
  });
});

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('20261210100000_goal_examples.js on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  it('flags snapshots as measured unless seeded as examples, and takes the examples down with the flag', async () => {
    const knex = await databases.init(databaseId);
    await migrateUpTo(knex, '20261209100000_goals.js');
    const snapshot = (day: string) => ({
      goal_id: 'golden-paths',
      day,
      value: 40,
      target: 80,
      direction: 'atLeast',
      status: 'behind',
      statistics: '{}',
      taken_at: new Date().toISOString(),
    });
    await knex('goal_snapshots').insert(snapshot('2026-12-09'));
    await migrateUpTo(knex, '20261210100000_goal_examples.js');
    await knex('goal_snapshots').insert({
      ...snapshot('2026-12-08'),
      example: true,
    });
    const flags = async () =>
      (await knex('goal_snapshots').orderBy('day')).map(r => [
        r.day,
        Boolean(r.example),
      ]);
    expect(await flags()).toEqual([
      ['2026-12-08', true],
      ['2026-12-09', false],
    ]);

    await knex.migrate.down({ directory });
    expect(await knex.schema.hasColumn('goal_snapshots', 'example')).toBe(
      false,
    );
    expect((await knex('goal_snapshots')).map(r => [r.day, r.example])).toEqual(
      [['2026-12-09', undefined]],
    );
  });
});
