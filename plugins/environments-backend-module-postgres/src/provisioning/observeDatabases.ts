import { ResourceObservation } from '@paved/plugin-environments-node';
import { Pool } from 'pg';
import { PostgresNames } from '../naming';
import { attributeOwnerRemedy, superuserOwnerRemedy } from './ownerPrivileges';

/** Everything about many resources in one query: one round trip however many there are. */
const OBSERVE_SQL = `
SELECT n.database,
       a.rolsuper AS admin_is_superuser,
       a.rolcreaterole AS admin_can_create_role,
       a.rolcreatedb AS admin_can_create_db,
       coalesce(pg_has_role(current_user, o.oid, 'MEMBER WITH ADMIN OPTION'), false)
         AS admin_administers_owner,
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
 CROSS JOIN (SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles
              WHERE rolname = current_user) AS a
  LEFT JOIN pg_database d ON d.datname = n.database
  LEFT JOIN pg_roles o ON o.oid = d.datdba
  LEFT JOIN pg_db_role_setting s ON s.setdatabase = d.oid AND s.setrole = 0
  LEFT JOIN pg_roles r ON r.rolname = n.role`;

interface ObserveRow {
  database: string;
  admin_is_superuser: boolean;
  admin_can_create_role: boolean;
  admin_can_create_db: boolean;
  admin_administers_owner: boolean;
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

/**
 * Reports what exists on a target for each resource, in the spec's terms, and the drift an
 * apply cannot put right there: a SUPERUSER owner role, when the provisioning role is not one.
 */
export async function observeDatabases(
  pool: Pool,
  resources: ObservedResource[],
  target: string,
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
      // Another owner is replaced by the role Paved created, so only that one's count.
      ...(row.owner === names.role && cannotRestore(row, names.role, target)),
    };
  });
}

/**
 * The owner role's attributes the provisioning role may not take away, each with what to
 * run instead; nothing when it may take them all (a superuser may).
 */
function cannotRestore(
  row: ObserveRow,
  role: string,
  target: string,
): Pick<ResourceObservation, 'cannotRestore'> {
  if (row.admin_is_superuser) return {};
  const found: Record<string, string> = {};
  if (row.owner_is_superuser) {
    const remedy = superuserOwnerRemedy(role, target);
    found.ownerIsSuperuser = remedy;
    if (row.owner_can_create_role) found.ownerCanCreateRole = remedy;
    if (row.owner_can_create_db) found.ownerCanCreateDb = remedy;
  } else {
    const mayAlter = row.admin_can_create_role && row.admin_administers_owner;
    if (row.owner_can_create_role && !mayAlter) {
      found.ownerCanCreateRole = attributeOwnerRemedy(
        role,
        target,
        'CREATEROLE',
      );
    }
    if (row.owner_can_create_db && !(mayAlter && row.admin_can_create_db)) {
      found.ownerCanCreateDb = attributeOwnerRemedy(role, target, 'CREATEDB');
    }
  }
  return Object.keys(found).length ? { cannotRestore: found } : {};
}
