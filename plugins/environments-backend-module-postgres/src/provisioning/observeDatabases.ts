import { ResourceObservation } from '@paved/plugin-environments-node';
import { Pool } from 'pg';
import { PostgresNames } from '../naming';

/** Everything about many resources in one query: one round trip however many there are. */
const OBSERVE_SQL = `
SELECT n.database,
       d.oid IS NOT NULL AS database_exists,
       d.datconnlimit AS connection_limit,
       o.rolname AS owner,
       o.rolsuper AS owner_is_superuser,
       o.rolcreaterole AS owner_can_create_role,
       o.rolcreatedb AS owner_can_create_db,
       shobj_description(d.oid, 'pg_database') AS database_comment,
       s.setconfig AS settings,
       r.oid IS NOT NULL AS role_exists
  FROM unnest($1::text[], $2::text[]) AS n(database, role)
  LEFT JOIN pg_database d ON d.datname = n.database
  LEFT JOIN pg_roles o ON o.oid = d.datdba
  LEFT JOIN pg_db_role_setting s ON s.setdatabase = d.oid AND s.setrole = 0
  LEFT JOIN pg_roles r ON r.rolname = n.role`;

interface ObserveRow {
  database: string;
  database_exists: boolean;
  connection_limit: number | null;
  owner: string | null;
  owner_is_superuser: boolean | null;
  owner_can_create_role: boolean | null;
  owner_can_create_db: boolean | null;
  database_comment: string | null;
  settings: string[] | null;
  role_exists: boolean;
}

export interface ObservedResource {
  id: string;
  names: PostgresNames;
  marker: string;
}

function setting(settings: string[] | null, name: string): string | null {
  const prefix = `${name}=`;
  return (
    settings?.find(entry => entry.startsWith(prefix))?.slice(prefix.length) ??
    null
  );
}

/** Reports what exists on a target for each resource, in the spec's terms. */
export async function observeDatabases(
  pool: Pool,
  resources: ObservedResource[],
): Promise<ResourceObservation[]> {
  if (resources.length === 0) {
    return [];
  }
  const { rows } = await pool.query<ObserveRow>(OBSERVE_SQL, [
    resources.map(r => r.names.database),
    resources.map(r => r.names.role),
  ]);
  const byDatabase = new Map(rows.map(row => [row.database, row]));

  return resources.map(({ id, names, marker }) => {
    const row = byDatabase.get(names.database);
    if (!row?.database_exists) {
      return {
        resourceId: id,
        exists: false,
        observed: { roleExists: row?.role_exists ?? false },
      };
    }
    return {
      resourceId: id,
      exists: true,
      observed: {
        // -1 is PostgreSQL's "no limit".
        connectionLimit: row.connection_limit,
        statementTimeout: setting(row.settings, 'statement_timeout'),
        owner: row.owner,
        // The role Paved created for it: the database must be owned by that one.
        expectedOwner: names.role,
        ownerIsSuperuser: row.owner_is_superuser,
        ownerCanCreateRole: row.owner_can_create_role,
        ownerCanCreateDb: row.owner_can_create_db,
        managedByPaved: row.database_comment === marker,
        roleExists: row.role_exists,
      },
    };
  });
}
