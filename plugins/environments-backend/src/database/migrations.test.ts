import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

const directory = resolvePackagePath(
  '@paved/plugin-environments-backend',
  'migrations',
);

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('20261126140000_findings.js on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  it('adds findings with one open finding per key, and goes down again', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.up({ directory, name: '20261126100000_init.js' });
    const now = new Date().toISOString();
    await knex('environments').insert({
      id: 'e1',
      name: 'shared',
      class: 'dev',
      tier: 'development',
      lifecycle: 'static',
      owner: 'group:default/a',
      entity_ref: 'component:default/a',
      created_by: 'user:default/a',
      status: 'ready',
      created_at: now,
      updated_at: now,
    });

    await knex.migrate.up({ directory, name: '20261126140000_findings.js' });
    const finding = (id: string, resolvedAt: string | null) => ({
      id,
      environment_id: 'e1',
      key: 'r1|postgres.connection-limit|connectionLimit',
      rule: 'postgres.connection-limit',
      severity: 'blocking',
      field: 'connectionLimit',
      message: 'm',
      link: '/docs/#postgres.connection-limit',
      expected: '10 (1–100)',
      observed: '500',
      detected_at: now,
      resolved_at: resolvedAt,
    });
    // A key can come back after it was resolved, but is never open twice.
    await knex('findings').insert(finding('f1', now));
    await knex('findings').insert(finding('f2', null));
    const second = await knex('findings')
      .insert(finding('f3', null))
      .then(
        () => 'accepted',
        () => 'refused',
      );
    // SQLite runs one replica, so nothing races there; its index is checked by its
    // definition (the insert above was once seen to pass in a full, loaded run).
    const definition =
      databaseId === 'SQLITE_3'
        ? (
            await knex('sqlite_master')
              .where({ name: 'findings_open_key_uq' })
              .first()
          )?.sql
        : 'UNIQUE INDEX (`environment_id`, `key`) where `resolved_at` is null';
    expect(definition).toMatch(
      /UNIQUE INDEX .*\(`environment_id`, `key`\) where `resolved_at` is null/,
    );
    expect(databaseId === 'SQLITE_3' || second === 'refused').toBe(true);

    await knex.migrate.down({ directory });
    expect(await knex.schema.hasTable('findings')).toBe(false);
    expect(await knex.schema.hasTable('environments')).toBe(true);
  });
});
