import { ConflictError } from '@backstage/errors';
import { ClientBase } from 'pg';
import { PostgresNames } from '../naming';

/** What exists on the target under a resource's names, and whose it is. */
export interface ProvisionedState {
  adminIsSuperuser: boolean;
  role?: {
    ours: boolean;
    /** Whether the provisioning role holds the role's privileges (needed to own things as it). */
    adminIsMember: boolean;
    /** Its attributes: only a superuser can change a SUPERUSER role at all. */
    superuser: boolean;
    createRole: boolean;
    createDb: boolean;
  };
  database?: { ours: boolean };
}

const INSPECT_SQL = `
SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS admin_is_superuser,
       r.oid IS NOT NULL AS role_exists,
       shobj_description(r.oid, 'pg_authid') AS role_comment,
       coalesce(pg_has_role(current_user, r.oid, 'USAGE'), false) AS admin_is_member,
       coalesce(r.rolsuper, false) AS role_is_superuser,
       coalesce(r.rolcreaterole, false) AS role_can_create_role,
       coalesce(r.rolcreatedb, false) AS role_can_create_db,
       d.oid IS NOT NULL AS database_exists,
       shobj_description(d.oid, 'pg_database') AS database_comment,
       pg_get_userbyid(d.datdba) AS database_owner
  FROM (SELECT 1) AS one
  LEFT JOIN pg_roles r ON r.rolname = $1
  LEFT JOIN pg_database d ON d.datname = $2`;

interface InspectRow {
  admin_is_superuser: boolean;
  role_exists: boolean;
  role_comment: string | null;
  admin_is_member: boolean;
  role_is_superuser: boolean;
  role_can_create_role: boolean;
  role_can_create_db: boolean;
  database_exists: boolean;
  database_comment: string | null;
  database_owner: string | null;
}

/**
 * Looks up the role and database of a resource. Ours means it carries our marker; a
 * database without a comment that belongs to our role is ours too: CREATE DATABASE cannot
 * share a transaction with its COMMENT, and a crash between the two leaves exactly that.
 */
export async function inspect(
  client: ClientBase,
  names: PostgresNames,
  marker: string,
): Promise<ProvisionedState> {
  const { rows } = await client.query<InspectRow>(INSPECT_SQL, [
    names.role,
    names.database,
  ]);
  const row = rows[0];
  const roleOurs = row.role_exists && row.role_comment === marker;
  return {
    adminIsSuperuser: row.admin_is_superuser,
    role: row.role_exists
      ? {
          ours: roleOurs,
          adminIsMember: row.admin_is_member,
          superuser: row.role_is_superuser,
          createRole: row.role_can_create_role,
          createDb: row.role_can_create_db,
        }
      : undefined,
    database: row.database_exists
      ? {
          ours:
            row.database_comment === marker ||
            (row.database_comment === null &&
              roleOurs &&
              row.database_owner === names.role),
        }
      : undefined,
  };
}

/**
 * Refuses to touch a role or database Paved did not create for this resource: a name
 * clash must never hand someone else's data to a new owner, or drop it.
 */
export function assertOurs(
  state: ProvisionedState,
  names: PostgresNames,
  marker: string,
  target: string,
): void {
  const clash = (kind: string, name: string) =>
    new ConflictError(
      `The PostgreSQL ${kind} "${name}" already exists on target "${target}" but was not created by Paved for this resource (its comment is not "${marker}"); Paved will not change or drop it. Rename or drop it on the server, or give the resource another name.`,
    );
  if (state.database && !state.database.ours) {
    throw clash('database', names.database);
  }
  if (state.role && !state.role.ours) {
    throw clash('role', names.role);
  }
}
