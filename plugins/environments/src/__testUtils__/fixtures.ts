import {
  Environment,
  EnvironmentClassSummary,
  EnvironmentEntityV1alpha1,
  EnvironmentResource,
  Finding,
  Operation,
  Tier,
} from '@paved/plugin-environments-common';

// Fresh ids in every test: the permission hook caches answers by environment id.
let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

export const HOUR = 60 * 60 * 1000;

export function aDatabase(
  overrides: Partial<EnvironmentResource> = {},
): EnvironmentResource {
  return {
    id: nextId('res'),
    type: 'postgres-database',
    name: 'main',
    provider: 'postgres',
    target: 'embedded',
    status: 'ready',
    spec: {},
    outputs: {
      host: 'localhost',
      port: 5433,
      database: 'pr_1_main_1a2b3c4d',
      user: 'pr_1_main_1a2b3c4d_owner',
    },
    ...overrides,
  };
}

export function anOperation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: nextId('op'),
    environmentId: 'unset',
    type: 'create',
    state: 'running',
    attempts: 1,
    requestedBy: 'user:default/guest',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A ready preview environment of checkout-api with one database, 20 hours left. */
export function anEnvironment(
  overrides: Partial<Environment> = {},
): Environment {
  const now = Date.now();
  return {
    id: nextId('env'),
    name: 'pr-1',
    class: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    status: 'ready',
    owner: 'group:default/checkout-team',
    entityRef: 'component:default/checkout-api',
    createdBy: 'user:default/guest',
    createdAt: new Date(now - HOUR).toISOString(),
    updatedAt: new Date(now - HOUR).toISOString(),
    expiresAt: new Date(now + 20 * HOUR).toISOString(),
    resources: [aDatabase()],
    estimatedMonthlyCost: { amount: 4, currency: 'USD' },
    ...overrides,
  };
}

/** A static production environment of checkout-api, owned by the platform team. */
export function aProductionEnvironment(
  overrides: Partial<Environment> = {},
): Environment {
  return anEnvironment({
    name: 'prod',
    class: 'production',
    tier: 'production',
    lifecycle: 'static',
    owner: 'group:default/platform-team',
    expiresAt: undefined,
    estimatedMonthlyCost: { amount: 220, currency: 'USD' },
    ...overrides,
  });
}

export const PREVIEW_CLASS: EnvironmentClassSummary = {
  name: 'preview',
  tier: 'preview',
  lifecycle: 'ephemeral',
  description: 'Short-lived, for a pull request or an experiment',
  ttl: { default: '24h', max: '7d', warnBefore: '2h' },
  resourceTypes: ['postgres-database'],
  maxEnvironmentsPerOwner: 5,
  baseMonthlyCost: { amount: 0, currency: 'USD' },
};

export const checkoutApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'checkout-team', lifecycle: 'production' },
};

export const checkoutSystem = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { owner: 'group:default/checkout-team' },
  relations: [
    { type: 'hasPart', targetRef: 'component:default/checkout-api' },
    { type: 'hasPart', targetRef: 'component:default/payments-worker' },
    { type: 'hasPart', targetRef: 'api:default/checkout' },
    { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
  ],
};

/**
 * An environment the checkout team declared by hand in checkout-api's catalog-info.yaml,
 * as the catalog serves it: marked `declared` and related to its component.
 */
export function aDeclaredEnvironment(
  overrides: { name?: string; environmentOf?: string; tier?: Tier } = {},
): EnvironmentEntityV1alpha1 {
  const environmentOf =
    overrides.environmentOf ?? 'component:default/checkout-api';
  return {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Environment',
    metadata: {
      name: overrides.name ?? 'checkout-api-legacy-qa',
      namespace: 'default',
      title: 'legacy-qa',
      description: 'The QA environment on the old VM cluster',
      annotations: { 'paved.dev/source': 'declared' },
      links: [
        { url: 'https://legacy-qa.checkout.example.com', title: 'legacy-qa' },
      ],
    },
    spec: {
      environmentOf,
      owner: 'group:default/checkout-team',
      tier: overrides.tier ?? 'staging',
      lifecycle: 'static',
    },
    relations: [
      { type: 'environmentOf', targetRef: environmentOf },
      { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
    ],
  };
}

/** checkout-api as the catalog serves it once environments exist: related to each. */
export function checkoutApiWithEnvironments(environmentRefs: string[]) {
  return {
    ...checkoutApi,
    relations: environmentRefs.map(targetRef => ({
      type: 'hasEnvironment',
      targetRef,
    })),
  };
}

/**
 * An open high finding: the `orders` database of `pr-1` allows more connections than
 * its baseline, detected two hours ago. Pass `environmentId` to tie it to one.
 */
export function aFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: nextId('finding'),
    environmentId: 'unset',
    environmentName: 'pr-1',
    entityRef: 'component:default/checkout-api',
    resourceId: 'unset',
    resourceName: 'orders',
    rule: 'postgres.connection-limit',
    severity: 'high',
    field: 'connectionLimit',
    message: 'The database allows more connections than its class permits',
    link: '/docs/default/component/platform-guidelines/baselines/#postgres.connection-limit',
    expected: 'at most 20',
    observed: '100',
    detectedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
    ...overrides,
  };
}

/** The catalog entity the catalog module publishes for a provisioned environment. */
export function anEnvironmentEntity(
  environment: Environment,
): EnvironmentEntityV1alpha1 {
  return {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Environment',
    metadata: {
      name: `checkout-api-${environment.name}`,
      namespace: 'default',
      title: environment.name,
      annotations: {
        'paved.dev/source': 'paved',
        'paved.dev/environment-id': environment.id,
      },
    },
    spec: {
      environmentOf: environment.entityRef,
      owner: environment.owner,
      tier: environment.tier,
      class: environment.class,
      lifecycle: environment.lifecycle,
      status: environment.status,
    },
    relations: [
      { type: 'environmentOf', targetRef: environment.entityRef },
      { type: 'ownedBy', targetRef: environment.owner },
    ],
  };
}
