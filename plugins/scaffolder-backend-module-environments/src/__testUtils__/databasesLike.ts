import { testPostgresConnection } from '@paved/plugin-environments-backend-module-postgres/testUtils';
import { Client } from 'pg';

/** The databases on the test run's server whose names match a LIKE pattern. */
export async function databasesLike(pattern: string): Promise<string[]> {
  const client = new Client(testPostgresConnection());
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1',
      [pattern],
    );
    return rows.map(r => r.datname);
  } finally {
    await client.end();
  }
}
