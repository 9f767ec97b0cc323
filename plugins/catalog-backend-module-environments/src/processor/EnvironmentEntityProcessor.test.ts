import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { EnvironmentEntityProcessor } from './EnvironmentEntityProcessor';

const processor = EnvironmentEntityProcessor.fromConfig(
  new ConfigReader({
    environments: {
      classes: [
        { name: 'preview', tier: 'preview', lifecycle: 'ephemeral' },
        { name: 'staging', tier: 'staging', lifecycle: 'static' },
      ],
    },
  }),
);

const file: LocationSpec = {
  type: 'url',
  target: 'https://git.example.com/checkout-api/catalog-info.yaml',
};
const provider: LocationSpec = { type: 'paved-environments', target: '4f1c' };

const declared = (spec: object = {}, more: Partial<Entity> = {}): Entity => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: 'checkout-api-legacy-qa', namespace: 'default' },
  spec: {
    environmentOf: 'component:default/checkout-api',
    owner: 'group:default/checkout-team',
    tier: 'staging',
    ...spec,
  },
  ...more,
});

/** Runs the entity through the processor as the catalog does; the results it emitted. */
async function process(entity: Entity, location: LocationSpec = file) {
  const results: CatalogProcessorResult[] = [];
  const emit = (result: CatalogProcessorResult) => results.push(result);
  const preprocessed = await processor.preProcessEntity(entity, location);
  const claimed = await processor.validateEntityKind(preprocessed);
  const processed = await processor.postProcessEntity(
    preprocessed,
    location,
    emit,
  );
  return {
    claimed,
    entity: processed,
    errors: results.flatMap(r => (r.type === 'error' ? [r.error.message] : [])),
    errorLocations: results.flatMap(r =>
      r.type === 'error' ? [r.location] : [],
    ),
    relations: results.flatMap(r =>
      r.type === 'relation'
        ? [
            `${r.relation.source.kind}:${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.name}`.toLocaleLowerCase(
              'en-US',
            ),
          ]
        : [],
    ),
  };
}

describe('EnvironmentEntityProcessor', () => {
  it('accepts a declared environment, marks it declared and relates it to its owner and component', async () => {
    const result = await process(declared({ lifecycle: 'static' }));
    expect(result.claimed).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.entity.metadata.annotations).toEqual({
      'paved.dev/source': 'declared',
    });
    expect(result.relations).toEqual([
      'environment:checkout-api-legacy-qa ownedby group:checkout-team',
      'group:checkout-team ownerof environment:checkout-api-legacy-qa',
      'environment:checkout-api-legacy-qa environmentof component:checkout-api',
      'component:checkout-api hasenvironment environment:checkout-api-legacy-qa',
    ]);
  });

  it("reads bare names as a group owner and a component in the entity's namespace, and takes systems and users", async () => {
    const bare = await process(
      declared(
        { owner: 'checkout-team', environmentOf: 'checkout-api' },
        { metadata: { name: 'x', namespace: 'shop' } },
      ),
    );
    expect(bare.errors).toEqual([]);
    expect(bare.relations).toContain(
      'environment:x ownedby group:checkout-team',
    );
    expect(bare.relations).toContain(
      'environment:x environmentof component:checkout-api',
    );

    const other = await process(
      declared({ owner: 'user:jane', environmentOf: 'system:checkout' }),
    );
    expect(other.errors).toEqual([]);
    expect(other.relations).toContain(
      'system:checkout hasenvironment environment:checkout-api-legacy-qa',
    );
  });

  it('marks an environment from the Paved provider as provisioned and checks it against its class', async () => {
    const provisioned = declared({
      class: 'preview',
      tier: 'preview',
      lifecycle: 'ephemeral',
      status: 'ready',
      expiresAt: '2026-12-01T12:00:00.000Z',
      estimatedMonthlyCost: { amount: 4, currency: 'USD' },
    });
    provisioned.metadata.annotations = { 'paved.dev/environment-id': '4f1c' };
    const result = await process(provisioned, provider);
    expect(result.errors).toEqual([]);
    expect(result.entity.metadata.annotations).toEqual({
      'paved.dev/environment-id': '4f1c',
      'paved.dev/source': 'paved',
    });
  });

  it("never takes the author's word for where an environment comes from", async () => {
    const claimsPaved = declared();
    claimsPaved.metadata.annotations = { 'paved.dev/source': 'paved' };
    const result = await process(claimsPaved);
    expect(result.entity.metadata.annotations).toEqual({
      'paved.dev/source': 'declared',
    });
  });

  it.each([
    [
      'an unknown class',
      declared({ class: 'qa' }),
      [
        'spec.class: there is no environment class named "qa"; the classes are preview, staging (environments.classes)',
      ],
    ],
    [
      "a tier and lifecycle other than the class's",
      declared({ class: 'preview', tier: 'production', lifecycle: 'static' }),
      [
        'spec.tier: the preview class is of tier preview, not production',
        'spec.lifecycle: the preview class is ephemeral, not static',
      ],
    ],
    [
      'an owner that is not an entity ref',
      declared({ owner: 'Checkout Team!' }),
      [
        'spec.owner: "Checkout Team!" is not a group or user entity ref such as group:default/checkout-team',
      ],
    ],
    [
      'an owner of the wrong kind',
      declared({ owner: 'component:default/checkout-api' }),
      [
        'spec.owner: "component:default/checkout-api" is not a group or user entity ref such as group:default/checkout-team',
      ],
    ],
    [
      'a malformed owner ref',
      declared({ owner: 'group:default/a/b:c' }),
      [
        'spec.owner: "group:default/a/b:c" is not a group or user entity ref such as group:default/checkout-team',
      ],
    ],
    [
      'an environmentOf that is neither component nor system',
      declared({ environmentOf: 'group:checkout-team' }),
      [
        'spec.environmentOf: "group:checkout-team" is not a component or system entity ref such as component:default/checkout-api',
      ],
    ],
    [
      'missing fields',
      declared({ owner: undefined, tier: undefined }),
      ['spec.owner: is required', 'spec.tier: is required'],
    ],
    [
      'an unknown tier and a field that is not one',
      declared({ tier: 'prod', url: 'https://qa.example.com' }),
      [
        'spec.url: is not a field of an Environment',
        'spec.tier: must be one of production, staging, development, preview',
      ],
    ],
    [
      'wrong types',
      declared({
        owner: 42,
        estimatedMonthlyCost: { amount: -1, currency: 'dollars' },
      }),
      [
        'spec.owner: must be a string',
        'spec.estimatedMonthlyCost.amount: must be >= 0',
        'spec.estimatedMonthlyCost.currency: must be an ISO 4217 currency code such as USD',
      ],
    ],
    [
      'an expiry that is not a date-time',
      declared({ expiresAt: 'tomorrow' }),
      [
        'spec.expiresAt: "tomorrow" is not an ISO 8601 date-time such as 2026-12-01T12:00:00Z',
      ],
    ],
    [
      'a declared environment posing as a provisioned one',
      declared(
        {},
        {
          metadata: {
            name: 'x',
            annotations: { 'paved.dev/environment-id': '4f1c' },
          },
        },
      ),
      [
        'metadata.annotations.paved.dev/environment-id: only environments Paved provisioned carry it; remove it from a declared environment',
      ],
    ],
    [
      'another version of the kind',
      declared({}, { apiVersion: 'paved.dev/v1' }),
      [
        'apiVersion: an Environment must be paved.dev/v1alpha1, not "paved.dev/v1"',
      ],
    ],
    [
      "the catalog's own apiVersion",
      declared({}, { apiVersion: 'backstage.io/v1alpha1' }),
      [
        'apiVersion: an Environment must be paved.dev/v1alpha1, not "backstage.io/v1alpha1"',
      ],
    ],
  ])(
    "refuses %s, naming the field, at the entity's location",
    async (_what, entity, messages) => {
      const result = await process(entity);
      expect(result.claimed).toBe(true);
      expect(result.errors).toEqual(messages);
      expect(result.errorLocations).toEqual(messages.map(() => file));
      expect(result.relations).toEqual([]);
    },
  );

  it('leaves other kinds, and Environment kinds of other apiVersion groups, to other processors', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout-api' },
      spec: {
        type: 'service',
        owner: 'checkout-team',
        lifecycle: 'production',
      },
    };
    const foreign = declared({ whatever: true }, { apiVersion: 'acme.com/v1' });
    for (const entity of [component, foreign]) {
      const result = await process(entity);
      expect(result).toEqual({
        claimed: false,
        entity,
        errors: [],
        errorLocations: [],
        relations: [],
      });
    }
  });

  it('checks no class when no environment classes are configured', async () => {
    const withoutClasses = EnvironmentEntityProcessor.fromConfig(
      new ConfigReader({}),
    );
    const results: CatalogProcessorResult[] = [];
    await withoutClasses.postProcessEntity(
      declared({ class: 'anything' }),
      file,
      r => results.push(r),
    );
    expect(results.filter(r => r.type === 'error')).toEqual([]);
  });
});
