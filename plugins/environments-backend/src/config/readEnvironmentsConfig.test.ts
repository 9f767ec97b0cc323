import { ConfigReader } from '@backstage/config';
import { readEnvironmentsConfig } from './readEnvironmentsConfig';

const preview = {
  name: 'preview',
  tier: 'preview',
  lifecycle: 'ephemeral',
  ttl: { default: '24h', max: '7d' },
  resources: { 'postgres-database': { target: 'embedded', monthlyCost: 4 } },
};

function read(classes: any[], extra: object = {}) {
  return readEnvironmentsConfig(
    new ConfigReader({ environments: { classes, ...extra } }),
  );
}

describe('readEnvironmentsConfig', () => {
  it('reads classes with their TTL policy and prices', () => {
    const config = read([
      preview,
      { name: 'staging', tier: 'staging', lifecycle: 'static' },
    ]);
    expect(config.currency).toBe('USD');
    expect(config.classes.get('preview')).toEqual({
      name: 'preview',
      tier: 'preview',
      lifecycle: 'ephemeral',
      description: undefined,
      maxEnvironmentsPerOwner: 25,
      baseMonthlyCost: 0,
      resources: { 'postgres-database': { target: 'embedded', monthlyCost: 4 } },
      ttl: { defaultMs: 86_400_000, maxMs: 604_800_000, warnBeforeMs: 8_640_000 },
    });
    expect(config.classes.get('staging')?.ttl).toBeUndefined();
  });

  it.each([
    [
      'an unknown tier',
      [{ ...preview, tier: 'prod' }],
      /environments\.classes\[0\]\.tier: /,
    ],
    [
      'an ephemeral class without a TTL',
      [{ ...preview, ttl: undefined }],
      /environments\.classes\[0\]\.ttl: is required for an ephemeral class/,
    ],
    [
      'a TTL on a static class',
      [{ ...preview, lifecycle: 'static' }],
      /environments\.classes\[0\]\.ttl: is only for ephemeral classes/,
    ],
    [
      'a TTL that is not a duration',
      [{ ...preview, ttl: { default: '24h', max: 'a week' } }],
      /environments\.classes\[0\]\.ttl\.max: must be a duration such as 30m, 4h or 7d/,
    ],
    [
      'a default TTL over the max',
      [{ ...preview, ttl: { default: '8d', max: '7d' } }],
      /environments\.classes\[0\]\.ttl\.default: must not be longer than ttl\.max/,
    ],
    [
      'a negative price',
      [{ ...preview, resources: { 'postgres-database': { target: 'embedded', monthlyCost: -1 } } }],
      /environments\.classes\[0\]\.resources\.postgres-database\.monthlyCost: /,
    ],
    [
      'two classes of one name',
      [preview, preview],
      /environments\.classes\[1\]\.name: "preview" is already the name of another class/,
    ],
    ['no classes', [], /environments\.classes: must list at least one class/],
  ])('stops on %s, naming the key', (_, classes, message) => {
    expect(() => read(classes)).toThrow(message);
  });
});
