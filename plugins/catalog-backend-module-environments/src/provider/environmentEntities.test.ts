import { ConfigReader } from '@backstage/config';
import { Environment } from '@paved/plugin-environments-common';
import { environmentEntities } from './environmentEntities';
import { readProviderConfig } from './readProviderConfig';

const environment: Environment = {
  id: 'env-1',
  name: 'pr-42',
  class: 'preview',
  tier: 'preview',
  lifecycle: 'ephemeral',
  status: 'ready',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  createdBy: 'user:default/guest',
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  expiresAt: '2026-11-28T10:00:00.000Z',
  resources: [
    {
      id: 'res-1',
      type: 'postgres-database',
      name: 'main',
      provider: 'postgres',
      target: 'embedded',
      status: 'ready',
      spec: {},
      outputs: {},
    },
  ],
  estimatedMonthlyCost: { amount: 4, currency: 'USD' },
};

const techdocsEntity = (docsEntity?: string) =>
  environmentEntities(environment, { docsEntity }).entities.map(
    ({ entity }) => [
      entity.metadata.name,
      entity.metadata.annotations?.['backstage.io/techdocs-entity'],
    ],
  );

describe('environmentEntities', () => {
  it("points the environment's and its resources' TechDocs tab at the configured guidelines", () => {
    expect(techdocsEntity('component:default/platform-guidelines')).toEqual([
      ['checkout-api-pr-42', 'component:default/platform-guidelines'],
      ['checkout-api-pr-42-main', 'component:default/platform-guidelines'],
    ]);
  });

  it('leaves them without docs when none are configured', () => {
    expect(techdocsEntity()).toEqual([
      ['checkout-api-pr-42', undefined],
      ['checkout-api-pr-42-main', undefined],
    ]);
  });
});

describe('readProviderConfig', () => {
  const read = (pavedEnvironments: object) =>
    readProviderConfig(
      new ConfigReader({ catalog: { providers: { pavedEnvironments } } }),
    );

  it('reads the docs entity as a full ref', () => {
    expect(
      read({ docsEntity: 'component:platform-guidelines' }).docsEntity,
    ).toBe('component:default/platform-guidelines');
  });

  it('stops on a docs entity that is not an entity ref, naming the key', () => {
    expect(() => read({ docsEntity: 'platform-guidelines' })).toThrow(
      /^catalog\.providers\.pavedEnvironments\.docsEntity: "platform-guidelines" is not an entity ref/,
    );
  });
});
