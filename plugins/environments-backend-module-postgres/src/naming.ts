import { InputError } from '@backstage/errors';
import { ProvisionedResource } from '@paved/plugin-environments-node';

/** PostgreSQL truncates longer identifiers silently, so two long names could collide. */
const MAX_IDENTIFIER_BYTES = 63;
const IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]*$/;
const RESERVED_NAMES = new Set(['postgres', 'template0', 'template1']);
const NAME_PART_PATTERN = /^[a-z0-9-]+$/;
const ID_PREFIX_PATTERN = /^[0-9a-f]{8}/;

/**
 * The database and role a resource is provisioned as.
 * @public
 */
export interface PostgresNames {
  database: string;
  role: string;
}

/**
 * Refuses anything that is not a plain, unreserved PostgreSQL identifier. Identifiers cannot
 * be bind parameters, so this runs before a name gets anywhere near SQL (where it is
 * quoted as well).
 *
 * @public
 */
export function assertSafeIdentifier(field: string, value: string): void {
  if (!IDENTIFIER_PATTERN.test(value)) {
    throw new InputError(
      `${field}: ${JSON.stringify(
        value,
      )} must contain only lowercase letters, digits and underscores, and start with a letter or underscore`,
    );
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new InputError(
      `${field}: "${value}" is ${bytes} bytes long; PostgreSQL names must be at most ${MAX_IDENTIFIER_BYTES} bytes`,
    );
  }
  if (RESERVED_NAMES.has(value) || value.startsWith('pg_')) {
    throw new InputError(
      `${field}: "${value}" is reserved by PostgreSQL (postgres, template0, template1 and names starting with pg_)`,
    );
  }
}

function namePart(field: string, value: string): string {
  const lower = value.toLowerCase();
  if (!NAME_PART_PATTERN.test(lower)) {
    throw new InputError(
      `${field}: ${JSON.stringify(
        value,
      )} must contain only letters, digits and hyphens`,
    );
  }
  return lower.replaceAll('-', '_');
}

/**
 * Derives a resource's physical names: database `<environment>_<name>_<id prefix>` and role
 * `<database>_owner`. The id prefix keeps two environments of the same name (for two
 * components) apart.
 *
 * @public
 */
export function physicalNames(resource: ProvisionedResource): PostgresNames {
  const environment = namePart(
    'resource.environmentName',
    resource.environmentName,
  );
  const name = namePart('resource.name', resource.name);
  const idPrefix = ID_PREFIX_PATTERN.exec(
    resource.id.replaceAll('-', '').toLowerCase(),
  )?.[0];
  if (!idPrefix) {
    throw new InputError(
      `resource.id: ${JSON.stringify(
        resource.id,
      )} must start with 8 hexadecimal digits (a UUID)`,
    );
  }
  const database = `${environment}_${name}_${idPrefix}`;
  const role = `${database}_owner`;
  const source = 'from resource.environmentName and resource.name';
  assertSafeIdentifier(`database name (${source})`, database);
  assertSafeIdentifier(`role name (${source})`, role);
  return { database, role };
}

/**
 * What Paved writes as the comment of the roles and databases it creates, and looks for
 * before it changes or drops one.
 *
 * @public
 */
export function ownershipMarker(resource: ProvisionedResource): string {
  return `paved:resource:${resource.id}`;
}
