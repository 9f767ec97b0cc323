import { escapeIdentifier } from 'pg';

/**
 * What to tell an operator when a resource's owner role is a SUPERUSER and the provisioning
 * role is not: PostgreSQL lets only a superuser change a superuser role at all, so no apply
 * can take the attribute away (nor CREATEDB or CREATEROLE, nor set its password).
 */
export function superuserOwnerRemedy(role: string, target: string): string {
  return `The owner role "${role}" is a SUPERUSER and Paved's provisioning role on target "${target}" is not one; only a superuser may change a superuser role. Needs a superuser: run ALTER ROLE ${escapeIdentifier(
    role,
  )} NOSUPERUSER NOCREATEROLE NOCREATEDB;`;
}

/**
 * What to tell an operator when the provisioning role may not take an attribute from the
 * owner role: that needs CREATEROLE, ADMIN OPTION on the role, and (for CREATEDB) CREATEDB.
 */
export function attributeOwnerRemedy(
  role: string,
  target: string,
  attribute: 'CREATEDB' | 'CREATEROLE',
): string {
  const needs =
    attribute === 'CREATEDB'
      ? 'CREATEROLE, CREATEDB and ADMIN OPTION on the role'
      : 'CREATEROLE and ADMIN OPTION on the role';
  return `Paved's provisioning role on target "${target}" may not take ${attribute} from the owner role "${role}" (that needs ${needs}). As a role that may, run ALTER ROLE ${escapeIdentifier(
    role,
  )} NO${attribute};`;
}
