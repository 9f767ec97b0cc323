import { TestDatabases } from '@backstage/backend-test-utils';
import { Client } from 'pg';
import { createTestProvisioningRole, testPostgresConnection } from '.';

describe('test utilities', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_18', 'SQLITE_3'] });

  it("point Backstage's TestDatabases at the test run's server", async () => {
    expect(databases.eachSupportedId()).toEqual([
      ['POSTGRES_18'],
      ['SQLITE_3'],
    ]);
    const knex = await databases.init('POSTGRES_18');
    const [{ port }] = await knex
      .select(knex.raw("current_setting('port')::int AS port"))
      .then(rows => rows as Array<{ port: number }>);
    expect(port).toBe(testPostgresConnection().port);
  });

  it('create a provisioning role without superuser powers', async () => {
    const { connection, drop } = await createTestProvisioningRole();
    const client = new Client(connection);
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user',
      );
      expect(rows).toEqual([
        { rolsuper: false, rolcreatedb: true, rolcreaterole: true },
      ]);
    } finally {
      await client.end();
      await drop();
    }
  });
});
