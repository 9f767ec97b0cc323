import { ProvisionedResource } from '@paved/plugin-environments-node';
import { assertSafeIdentifier, ownershipMarker, physicalNames } from './naming';

const resource: ProvisionedResource = {
  id: '3F2A9C1D-7b4e-4c2a-9f00-112233445566',
  name: 'orders-db',
  environmentName: 'pr-142',
  entityRef: 'component:default/checkout-api',
};

describe('physicalNames', () => {
  it('builds lowercase names from the environment, the name and the id', () => {
    expect(physicalNames(resource)).toEqual({
      database: 'pr_142_orders_db_3f2a9c1d',
      role: 'pr_142_orders_db_3f2a9c1d_owner',
    });
  });

  it('refuses SQL metacharacters, naming the field', () => {
    expect(() => physicalNames({ ...resource, name: 'a";drop' })).toThrow(
      'resource.name: "a\\";drop" must contain only letters, digits and hyphens',
    );
    expect(() =>
      physicalNames({
        ...resource,
        environmentName: "x'; DROP DATABASE y; --",
      }),
    ).toThrow(/^resource\.environmentName: /);
  });

  it('refuses ids that do not start with 8 hex digits', () => {
    expect(() => physicalNames({ ...resource, id: 'not-a-uuid' })).toThrow(
      'resource.id: "not-a-uuid" must start with 8 hexadecimal digits (a UUID)',
    );
  });

  it('refuses names PostgreSQL would truncate', () => {
    let error: Error | undefined;
    try {
      physicalNames({
        ...resource,
        environmentName: 'a'.repeat(40),
        name: 'b'.repeat(20),
      });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('InputError');
    expect(error?.message).toBe(
      `database name (from resource.environmentName and resource.name): "${'a'.repeat(
        40,
      )}_${'b'.repeat(
        20,
      )}_3f2a9c1d" is 70 bytes long; PostgreSQL names must be at most 63 bytes`,
    );
  });

  it('checks the role name, which is 6 bytes longer than the database name', () => {
    const names = physicalNames({
      ...resource,
      environmentName: 'a'.repeat(30),
      name: 'b'.repeat(17),
    });
    expect(Buffer.byteLength(names.role)).toBe(63);
    expect(() =>
      physicalNames({
        ...resource,
        environmentName: 'a'.repeat(30),
        name: 'b'.repeat(18),
      }),
    ).toThrow(/^role name \(from .*\): ".*_owner" is 64 bytes long/);
  });

  it('refuses names PostgreSQL reserves', () => {
    expect(() => physicalNames({ ...resource, environmentName: 'pg' })).toThrow(
      'database name (from resource.environmentName and resource.name): "pg_orders_db_3f2a9c1d" is reserved by PostgreSQL (postgres, template0, template1 and names starting with pg_)',
    );
  });
});

describe('assertSafeIdentifier', () => {
  it.each([
    ['postgres', /is reserved by PostgreSQL/],
    ['template0', /is reserved by PostgreSQL/],
    ['template1', /is reserved by PostgreSQL/],
    ['pg_anything', /is reserved by PostgreSQL/],
    ['a";drop', /must contain only lowercase letters, digits and underscores/],
    ['Upper', /must contain only lowercase letters/],
    ['1abc', /start with a letter or underscore/],
    ['', /must contain only lowercase letters/],
    ['é', /must contain only lowercase letters/],
    [
      'x'.repeat(64),
      /is 64 bytes long; PostgreSQL names must be at most 63 bytes/,
    ],
  ])('refuses %j', (value, message) => {
    expect(() => assertSafeIdentifier('spec.field', value)).toThrow(message);
    expect(() => assertSafeIdentifier('spec.field', value)).toThrow(
      /^spec\.field: /,
    );
  });

  it.each(['a', '_x', 'orders_db_1', 'x'.repeat(63)])('accepts %j', value => {
    expect(() => assertSafeIdentifier('field', value)).not.toThrow();
  });
});

describe('ownershipMarker', () => {
  it('names the resource', () => {
    expect(ownershipMarker(resource)).toBe(`paved:resource:${resource.id}`);
  });
});
