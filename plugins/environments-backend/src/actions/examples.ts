import {
  CreateEnvironmentRequest,
  CreateEnvironmentResponse,
  Environment,
  Operation,
} from '@paved/plugin-environments-common';

// What the examples show: one preview environment of checkout-api with a database, as
// the embedded default answers. Ids and times are made up; the shapes are the API's.

const createdAt = '2026-11-20T09:00:00.000Z';

/** The create operation, done. */
export const exampleOperation: Operation = {
  id: '6f1d3c2a-8b4e-4f6a-9c1d-2e3f4a5b6c7d',
  environmentId: '0b7c9e52-3a41-4d8e-b6f2-91c4d8a7e3f0',
  type: 'create',
  state: 'succeeded',
  attempts: 1,
  requestedBy: 'user:default/guest',
  createdAt,
  startedAt: createdAt,
  finishedAt: '2026-11-20T09:00:02.000Z',
};

/** A ready preview environment with one PostgreSQL database. */
export const exampleEnvironment: Environment = {
  id: exampleOperation.environmentId,
  name: 'pr-42',
  class: 'preview',
  tier: 'preview',
  lifecycle: 'ephemeral',
  status: 'ready',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  createdBy: 'user:default/guest',
  createdAt,
  updatedAt: '2026-11-20T09:00:02.000Z',
  expiresAt: '2026-11-20T13:00:00.000Z',
  resources: [
    {
      id: 'a3e8f1b2-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
      type: 'postgres-database',
      name: 'main',
      provider: 'postgres',
      target: 'embedded',
      status: 'ready',
      spec: { connectionLimit: 10, statementTimeout: '30s' },
      outputs: {
        host: 'localhost',
        port: 5433,
        database: 'pr_42_main_0b7c9e52',
        user: 'pr_42_main_0b7c9e52_owner',
      },
    },
  ],
  estimatedMonthlyCost: { amount: 4, currency: 'USD' },
};

/** What a write answers: the environment and the operation it queued. */
export const exampleAnswer = (
  operation: Partial<Operation>,
  environment: Partial<Environment> = {},
): CreateEnvironmentResponse => ({
  environment: { ...exampleEnvironment, ...environment },
  operation: { ...exampleOperation, ...operation },
});

/** The request the examples make. */
export const exampleRequest: CreateEnvironmentRequest = {
  name: 'pr-42',
  class: 'preview',
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
  ttl: '4h',
  resources: [
    { type: 'postgres-database', name: 'main', spec: { connectionLimit: 10 } },
  ],
};
