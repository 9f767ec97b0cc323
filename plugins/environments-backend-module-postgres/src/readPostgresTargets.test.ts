import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { resolve } from 'node:path';
import {
  readExtensionWindow,
  readPostgresTargets,
} from './readPostgresTargets';

function read(targets: JsonValue) {
  return readPostgresTargets(
    new ConfigReader({
      environments: { providers: { postgres: { targets } } },
    }),
  );
}

function errorOf(targets: JsonValue): Error {
  try {
    read(targets);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the config to be refused');
}

describe('readPostgresTargets', () => {
  it('reads embedded and existing servers, with defaults', () => {
    expect(
      read({
        local: { embedded: { dataDirectory: 'data/postgres' } },
        shared: {
          host: 'db.internal',
          port: '6432',
          user: 'paved_provisioner',
          password: 's3cret',
        },
      }),
    ).toEqual([
      {
        name: 'local',
        configKey: 'environments.providers.postgres.targets.local',
        embedded: { dataDirectory: resolve('data/postgres'), port: 5433 },
      },
      {
        name: 'shared',
        configKey: 'environments.providers.postgres.targets.shared',
        connection: {
          host: 'db.internal',
          port: 6432,
          user: 'paved_provisioner',
          password: 's3cret',
          database: 'postgres',
        },
      },
    ]);
  });

  it('skips a target that is switched off, as a production config does with the embedded one', () => {
    const targets = read({
      embedded: { enabled: false, embedded: { dataDirectory: 'data/postgres' } },
      shared: { host: 'db.internal', user: 'paved_provisioner', enabled: true },
    });
    expect(targets.map(t => t.name)).toEqual(['shared']);
    expect(errorOf({ shared: { host: 'db', enabled: 'no' } }).message).toBe(
      'environments.providers.postgres.targets.shared.enabled must be true or false',
    );
  });

  it('has no targets when none are configured', () => {
    expect(readPostgresTargets(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      { shared: { host: 'db', user: 'u', port: 'five' } },
      'environments.providers.postgres.targets.shared.port must be a number',
    ],
    [
      { shared: { host: 'db', user: 'u', port: 70000 } },
      'environments.providers.postgres.targets.shared.port must be a port number (1-65535)',
    ],
    [
      { shared: { host: 'db' } },
      'environments.providers.postgres.targets.shared.user is required when host is set',
    ],
    [
      { shared: { user: 'u' } },
      'environments.providers.postgres.targets.shared must set either embedded or host',
    ],
    [
      { shared: { host: 'db', user: 'u', hots: 'typo' } },
      'environments.providers.postgres.targets.shared has unknown keys hots',
    ],
    [
      { local: { embedded: { dataDirectory: 'd' }, host: 'db' } },
      'environments.providers.postgres.targets.local.host cannot be combined with environments.providers.postgres.targets.local.embedded',
    ],
    [
      { local: { embedded: {} } },
      'environments.providers.postgres.targets.local.embedded.dataDirectory must be a string',
    ],
    [
      { local: { embedded: { dataDirectory: 'd', port: 0 } } },
      'environments.providers.postgres.targets.local.embedded.port must be a port number (1-65535)',
    ],
    [
      {
        a: { embedded: { dataDirectory: 'one' } },
        b: { embedded: { dataDirectory: 'two' } },
      },
      'environments.providers.postgres.targets.b.embedded.port 5433 is already the port of environments.providers.postgres.targets.a.embedded',
    ],
    [
      {
        a: { embedded: { dataDirectory: 'same', port: 5433 } },
        b: { embedded: { dataDirectory: './same', port: 5434 } },
      },
      `environments.providers.postgres.targets.b.embedded.dataDirectory ${resolve(
        'same',
      )} is already the data directory of environments.providers.postgres.targets.a.embedded`,
    ],
  ])('refuses %j, naming the key', (targets, message) => {
    const error = errorOf(targets);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(message);
  });
});

describe('readExtensionWindow', () => {
  const windowOf = (extensionWindow: JsonValue) =>
    readExtensionWindow(
      new ConfigReader({
        environments: { providers: { postgres: { extensionWindow } } },
      }),
    );

  it('reads 20 databases per pass unless told otherwise', () => {
    expect(readExtensionWindow(new ConfigReader({}))).toBe(20);
    expect(windowOf(5)).toBe(5);
    expect(windowOf(0)).toBe(0);
    // Substituted from an environment variable.
    expect(windowOf('50')).toBe(50);
  });

  it.each([
    [-1, 'must be from 0 to 1000'],
    [2.5, 'must be a whole number'],
    [5000, 'must be from 0 to 1000'],
    ['many', 'must be a number'],
    [true, 'must be a number'],
  ])('refuses %j, naming the key', (value, rule) => {
    expect(() => windowOf(value)).toThrow(
      `environments.providers.postgres.extensionWindow ${rule}`,
    );
  });
});
