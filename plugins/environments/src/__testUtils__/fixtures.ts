import {
  Environment,
  EnvironmentClassSummary,
  EnvironmentResource,
  Operation,
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
