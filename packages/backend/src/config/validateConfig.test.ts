import { ConfigReader } from '@backstage/config';
import { describeSchemaError, validateConfig } from './validateConfig';

const validConfig = {
  app: { baseUrl: 'http://localhost:3000' },
  backend: {
    baseUrl: 'http://localhost:7007',
    listen: { port: 7007 },
    database: { client: 'better-sqlite3', connection: ':memory:' },
  },
};

describe('validateConfig', () => {
  it('accepts a valid configuration', async () => {
    await expect(
      validateConfig(new ConfigReader(validConfig)),
    ).resolves.toBeUndefined();
  });

  it('refuses a wrong type, naming the key and the rule', async () => {
    const config = new ConfigReader({
      ...validConfig,
      catalog: { locations: 'examples/org.yaml' },
    });
    await expect(validateConfig(config)).rejects.toThrow(
      /catalog\.locations: must be array \(type=array\)/,
    );
  });

  it('refuses a value outside an enum', async () => {
    const config = new ConfigReader({
      ...validConfig,
      techdocs: { builder: 'sometimes' },
    });
    await expect(validateConfig(config)).rejects.toThrow(/techdocs\.builder/);
  });
});

describe('describeSchemaError', () => {
  it('rewrites the schema message as key: rule', () => {
    expect(
      describeSchemaError(
        "Config must have required property 'target' { missingProperty=target } at /catalog/locations/0",
      ),
    ).toBe(
      "catalog.locations.0: must have required property 'target' (missingProperty=target)",
    );
  });

  it('keeps messages it does not recognise', () => {
    expect(describeSchemaError('something else')).toBe('something else');
  });
});
