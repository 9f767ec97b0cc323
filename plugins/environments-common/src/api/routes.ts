import { approvalRoutes } from './approvalRoutes';
import { goalRoutes } from './goalRoutes';
import { errorResponses } from './errorResponses';
import { defineRoute } from './route';
import { environmentClassListSchema } from './schemas/classes';
import {
  environmentListSchema,
  environmentSchema,
} from './schemas/environment';
import { findingListSchema } from './schemas/findings';
import { operationListSchema } from './schemas/operation';
import {
  environmentAndOperationSchema,
  environmentPlanSchema,
  resourceSecretSchema,
} from './schemas/plan';
import {
  createEnvironmentHeadersSchema,
  createEnvironmentQuerySchema,
  destroyEnvironmentQuerySchema,
  environmentIdParamsSchema,
  listEnvironmentsQuerySchema,
  listFindingsQuerySchema,
  resourceIdParamsSchema,
} from './schemas/queries';
import {
  addResourcesRequestSchema,
  createEnvironmentRequestSchema,
  extendEnvironmentRequestSchema,
} from './schemas/requests';
import { z } from 'zod';

const params = environmentIdParamsSchema;
const changed = (description: string) => ({
  description,
  schema: environmentAndOperationSchema,
});

/**
 * The environments REST API (`/api/environments`), route by route, keyed by the client
 * method that calls each. The router validates with these schemas, the client is typed
 * by them, and `src/schema/openapi.yaml` of the backend is generated from them.
 * @public
 */
export const environmentsApiRoutes = {
  createEnvironment: defineRoute({
    method: 'POST',
    path: '/environments',
    operationId: 'CreateEnvironment',
    summary: 'Create an environment, or plan one with `?dryRun=true`.',
    description:
      'Checks the request against its class (resource types, TTL, the per-owner limit) and the catalog (the entity must exist), authorizes it as the caller, then queues a `create` operation and answers 202 at once; the environment is `provisioning` until the operation has run.\n\nWith `Idempotency-Key`, the same caller sending the same key and body again gets the environment and operation of the first request (as they are now) and nothing new is done; the same key with another body is a 409.',
    query: createEnvironmentQuerySchema,
    headers: createEnvironmentHeadersSchema,
    body: createEnvironmentRequestSchema,
    responses: {
      200: {
        description: 'The plan of a dry run; nothing was stored.',
        schema: environmentPlanSchema,
      },
      202: changed('Accepted; the `create` operation is queued.'),
      ...errorResponses(400, 401, 403, 409, 413),
    },
  }),
  listEnvironments: defineRoute({
    method: 'GET',
    path: '/environments',
    operationId: 'ListEnvironments',
    summary: 'List environments, production first.',
    description:
      'Only environments the caller may read are counted and returned. Destroyed environments are left out unless `status=destroyed`. Query parameters other than the ones below are refused with a 400.',
    query: listEnvironmentsQuerySchema,
    responses: {
      200: {
        description: 'One page of environments.',
        schema: environmentListSchema,
      },
      ...errorResponses(400, 401),
    },
  }),
  getEnvironment: defineRoute({
    method: 'GET',
    path: '/environments/{id}',
    operationId: 'GetEnvironment',
    summary:
      'One environment, with its resources and their non-secret outputs.',
    params,
    responses: {
      200: { description: 'The environment.', schema: environmentSchema },
      ...errorResponses(401, 404),
    },
  }),
  destroyEnvironment: defineRoute({
    method: 'DELETE',
    path: '/environments/{id}',
    operationId: 'DestroyEnvironment',
    summary: 'Destroy an environment and its resources.',
    description:
      'Queues a `destroy` operation. Asking again while one is queued or running, or after the environment is destroyed, answers with that operation and does nothing new.',
    params,
    query: destroyEnvironmentQuerySchema,
    responses: {
      202: changed(
        'Accepted; the `destroy` operation is queued (or was already).',
      ),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  getOperations: defineRoute({
    method: 'GET',
    path: '/environments/{id}/operations',
    operationId: 'GetEnvironmentOperations',
    summary: "An environment's operations, newest first.",
    params,
    responses: {
      200: {
        description: 'Its operations, with their errors and attempts.',
        schema: operationListSchema,
      },
      ...errorResponses(401, 404),
    },
  }),
  getFindings: defineRoute({
    method: 'GET',
    path: '/environments/{id}/findings',
    operationId: 'GetEnvironmentFindings',
    summary:
      "An environment's baseline findings, open and resolved, newest first.",
    description:
      "What the reconciler saw a live environment or resource break of its class's baseline: the rule, expected and observed values, and the guideline link. A finding is open until the reconciler sees the rule met again.",
    params,
    responses: {
      200: { description: 'Its findings.', schema: findingListSchema },
      ...errorResponses(401, 404),
    },
  }),
  listFindings: defineRoute({
    method: 'GET',
    path: '/findings',
    operationId: 'ListFindings',
    summary:
      'Baseline findings across the environments the caller may read, newest first.',
    description:
      'At most 500. Query parameters other than the ones below are refused with a 400.',
    query: listFindingsQuerySchema,
    responses: {
      200: { description: 'The findings.', schema: findingListSchema },
      ...errorResponses(400, 401),
    },
  }),
  addResources: defineRoute({
    method: 'POST',
    path: '/environments/{id}/resources',
    operationId: 'AddResources',
    summary:
      'Add resources to a live environment, or plan it with `?dryRun=true`.',
    description:
      "Checked like the resources of a create request (types the class allows, the provider's spec rules), queued as an `update` operation; the environment is `provisioning` until it has run. A name the environment already has is a 409, as is an environment that is being or has been destroyed. A dry run makes the same checks and answers with the plan: the resources it would add (with the gitops provider's preview of the files it would commit), the environment's cost with them and whether it would need approval.",
    params,
    query: createEnvironmentQuerySchema,
    body: addResourcesRequestSchema,
    responses: {
      200: {
        description:
          'The plan of a dry run: the environment with only the resources it would add; nothing was stored.',
        schema: environmentPlanSchema,
      },
      202: changed(
        'The environment with its new resources (pending), and the `update` operation.',
      ),
      ...errorResponses(400, 401, 403, 404, 409, 413),
    },
  }),
  extendEnvironment: defineRoute({
    method: 'POST',
    path: '/environments/{id}/extend',
    operationId: 'ExtendEnvironment',
    summary: 'Make an ephemeral environment expire `ttl` from now.',
    description:
      "At most the class's maximum TTL, and never earlier than the environment expires already (400: extending never shortens). Static environments do not expire (400); destroying or destroyed ones cannot be extended (409). Nothing is provisioned: the `extend` operation is recorded as succeeded.",
    params,
    body: extendEnvironmentRequestSchema,
    responses: {
      200: changed(
        'The environment with its new expiry, and the `extend` operation.',
      ),
      ...errorResponses(400, 401, 403, 404, 409, 413),
    },
  }),
  retryEnvironment: defineRoute({
    method: 'POST',
    path: '/environments/{id}/retry',
    operationId: 'RetryEnvironment',
    summary: "Run a failed environment's work again.",
    description:
      'Queues a new operation: `destroy` when the last failed operation was a destroy (needs the delete permission), otherwise `update`, which converges every resource that is not ready (needs the update permission). Only a `failed` environment can be retried (409 otherwise, and for the second of two simultaneous retries).',
    params,
    responses: {
      202: changed('Accepted; the new operation is queued.'),
      ...errorResponses(401, 403, 404, 409),
    },
  }),
  listClasses: defineRoute({
    method: 'GET',
    path: '/classes',
    operationId: 'ListClasses',
    summary: 'The configured environment classes.',
    description:
      'What a form may offer (classes, their resource types) and the bounds a dialog checks (the longest TTL). Durations are written as in the config (`24h`, `7d`).',
    responses: {
      200: {
        description: 'Every class, in config order.',
        schema: environmentClassListSchema,
      },
      ...errorResponses(401),
    },
  }),
  revealSecret: defineRoute({
    method: 'GET',
    path: '/resources/{id}/secret',
    operationId: 'RevealResourceSecret',
    summary: "A resource's connection string, secret included.",
    description:
      'Users only (a service token is a 403). Needs read access to the environment and the `environments.resource.secret.read` permission; every reveal is audited. A resource has a connection string once it is `ready` (409 before).',
    params: resourceIdParamsSchema,
    responses: {
      200: {
        description: 'The connection string. Not to be cached.',
        schema: resourceSecretSchema,
        headers: { 'Cache-Control': z.literal('no-store') },
      },
      ...errorResponses(401, 403, 404, 409),
    },
  }),
  ...approvalRoutes,
  ...goalRoutes,
};
