import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { ClientBase, escapeIdentifier, escapeLiteral } from 'pg';
import { PostgresNames } from '../naming';
import { PostgresSpec } from '../spec';
import { assertOurs, inspect } from './inspect';
import { superuserOwnerRemedy } from './ownerPrivileges';

/** Another apply created the same object a moment ago: it exists now, so converge. */
const ALREADY_EXISTS = new Set([
  '42710', // duplicate_object (CREATE ROLE)
  '42P04', // duplicate_database
  '23505', // unique_violation: the same race, caught by the catalog's unique index
]);

const MAX_ATTEMPTS = 5;

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function alreadyExists(error: unknown): boolean {
  return ALREADY_EXISTS.has(sqlState(error) ?? '');
}

/** Everything that goes wrong when two sessions alter the same catalog row at once. */
function concurrentUpdate(error: unknown): boolean {
  const code = sqlState(error);
  return (
    code === '40001' ||
    code === '40P01' ||
    (code === 'XX000' &&
      (error as Error).message === 'tuple concurrently updated')
  );
}

export interface ApplyDatabaseOptions {
  client: ClientBase;
  names: PostgresNames;
  marker: string;
  spec: PostgresSpec;
  /** The SCRAM verifier of the owner's password; the password itself never goes to the server. */
  verifier: string;
  /** Whether the password is the one stored before: then a role Paved cannot alter keeps working. */
  passwordKept: boolean;
  target: string;
  logger: LoggerService;
  signal?: AbortSignal;
}

/**
 * Converges the role and database of a resource to the spec, creating what is missing.
 * Every step can be repeated, so a crashed apply is finished by the next one, and one that
 * collided with a concurrent apply simply runs again. What it cannot put right with the
 * provisioning role's privileges (a SUPERUSER owner role, when it is not one) it logs in
 * words an operator can act on, and converges everything else regardless; `observe` reports
 * it, so the reconciler does not restore it again in vain.
 */
export async function applyDatabase(
  options: ApplyDatabaseOptions,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await convergeOnce(options);
      return;
    } catch (error) {
      if (attempt === MAX_ATTEMPTS || !concurrentUpdate(error)) {
        throw error;
      }
      // Jitter, so that the colliding applies do not collide again.
      await new Promise(resolve =>
        setTimeout(resolve, Math.random() * 50 * attempt),
      );
    }
  }
}

async function convergeOnce(options: ApplyDatabaseOptions): Promise<void> {
  const { client, names, marker, spec, verifier, target, logger, signal } =
    options;
  const role = escapeIdentifier(names.role);
  const database = escapeIdentifier(names.database);
  const password = escapeLiteral(verifier);
  const comment = escapeLiteral(marker);
  const timeout = escapeLiteral(spec.statementTimeout);
  const limit = spec.connectionLimit;
  const fields = { target, database: names.database, role: names.role };

  signal?.throwIfAborted();
  let state = await inspect(client, names, marker);
  assertOurs(state, names, marker, target);

  // A provisioning role that is not a superuser needs the owner's privileges to create a
  // database owned by it and to alter or drop that database later.
  const grantToAdmin = state.adminIsSuperuser
    ? ''
    : `GRANT ${role} TO CURRENT_USER;`;

  if (!state.role) {
    try {
      // One query string runs as one transaction: the role never exists without the marker.
      await client.query(`
        CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
          NOBYPASSRLS PASSWORD ${password};
        COMMENT ON ROLE ${role} IS ${comment};
        ${grantToAdmin}`);
      logger.info('Created PostgreSQL role', fields);
    } catch (error) {
      if (!alreadyExists(error)) {
        throw error;
      }
      state = await inspect(client, names, marker);
      assertOurs(state, names, marker, target);
    }
  }
  // Only a superuser may alter a SUPERUSER role in any way, its password included.
  const untouchable = Boolean(state.role?.superuser && !state.adminIsSuperuser);
  if (untouchable) {
    const remedy = superuserOwnerRemedy(names.role, target);
    if (!options.passwordKept) {
      throw new ConflictError(
        `${remedy} Until then Paved cannot give the role a new password.`,
      );
    }
    logger.warn(remedy, fields);
  } else if (state.role) {
    await client.query(`
      ALTER ROLE ${role} PASSWORD ${password};
      ${state.role.adminIsMember ? '' : grantToAdmin}`);
  }

  signal?.throwIfAborted();
  if (!state.database) {
    try {
      // CREATE DATABASE cannot run inside a transaction, so it goes alone.
      await client.query(
        `CREATE DATABASE ${database} OWNER ${role} CONNECTION LIMIT ${limit}`,
      );
      logger.info('Created PostgreSQL database', fields);
    } catch (error) {
      if (!alreadyExists(error)) {
        throw error;
      }
      assertOurs(await inspect(client, names, marker), names, marker, target);
    }
  }

  signal?.throwIfAborted();
  await client.query(`
    ALTER DATABASE ${database} OWNER TO ${role};
    ALTER DATABASE ${database} CONNECTION LIMIT ${limit};
    ALTER DATABASE ${database} SET statement_timeout = ${timeout};
    REVOKE ALL ON DATABASE ${database} FROM PUBLIC;
    COMMENT ON DATABASE ${database} IS ${comment};`);
  logger.debug('Converged PostgreSQL database settings', {
    ...fields,
    connectionLimit: spec.connectionLimit,
    statementTimeout: spec.statementTimeout,
  });

  // The owner role is made NOSUPERUSER NOCREATEDB NOCREATEROLE; someone may have granted
  // them since. Last, so that the database settings converge whatever happens here, and one
  // at a time, so that one the provisioning role may not reset does not keep the others.
  const granted = state.role && !untouchable ? state.role : undefined;
  const resets = [
    granted?.superuser && 'NOSUPERUSER',
    granted?.createDb && 'NOCREATEDB',
    granted?.createRole && 'NOCREATEROLE',
  ].filter((flag): flag is string => Boolean(flag));
  for (const reset of resets) {
    const statement = `ALTER ROLE ${role} ${reset}`;
    try {
      await client.query(statement);
      logger.info(`Reset the owner role's privileges: ${reset}`, fields);
    } catch (error) {
      if (sqlState(error) !== '42501') {
        throw error;
      }
      // Insufficient privilege, e.g. a provisioning role without CREATEDB itself.
      const detail = (error as { detail?: string }).detail;
      const warning = `Paved's provisioning role on target "${target}" may not reset ${reset} on the owner role "${
        names.role
      }": ${(error as Error).message}${
        detail ? ` (${detail})` : ''
      }. Run ${statement}; as a role that may.`;
      logger.warn(warning, fields);
    }
  }
}
