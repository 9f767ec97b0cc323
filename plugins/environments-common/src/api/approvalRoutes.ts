import { errorResponses } from './errorResponses';
import { defineRoute } from './route';
import {
  approvalRequestListSchema,
  approvalRequestSchema,
  decideRequestBodySchema,
} from './schemas/approvals';
import {
  baselineExceptionListSchema,
  baselineExceptionSchema,
  requestExceptionBodySchema,
} from './schemas/exceptions';
import {
  environmentIdParamsSchema,
  exceptionIdParamsSchema,
  listExceptionsQuerySchema,
  listRequestsQuerySchema,
  requestIdParamsSchema,
} from './schemas/queries';

const params = environmentIdParamsSchema;

/**
 * The routes where the two teams meet: requests that wait for approval and baseline
 * exceptions, each decided by an approver group. Part of `environmentsApiRoutes`.
 */
export const approvalRoutes = {
  listRequests: defineRoute({
    method: 'GET',
    path: '/requests',
    operationId: 'ListRequests',
    summary: 'Requests that needed approval, newest first.',
    description:
      "Requests of environments the caller may read, each with its plan, cost, the rules it breaks, the requester's reason and its decision. At most 500. Query parameters other than the ones below are refused with a 400.",
    query: listRequestsQuerySchema,
    responses: {
      200: { description: 'The requests.', schema: approvalRequestListSchema },
      ...errorResponses(400, 401),
    },
  }),
  decideRequest: defineRoute({
    method: 'POST',
    path: '/requests/{id}/decision',
    operationId: 'DecideRequest',
    summary: 'Approve or reject a pending request.',
    description:
      "Only a member of the request's approver group with the `environments.request.approve` permission decides (403 otherwise, and for the requester unless the class's policy allows self-approval). Approving queues the operation exactly as an allowed request would; rejecting needs a `comment` (400 without) and ends the request with nothing provisioned. A request that is no longer pending is a 409, as is the second of two simultaneous decisions.",
    params: requestIdParamsSchema,
    body: decideRequestBodySchema,
    responses: {
      200: {
        description: 'The decided request.',
        schema: approvalRequestSchema,
      },
      ...errorResponses(400, 401, 403, 404, 409, 413),
    },
  }),
  withdrawRequest: defineRoute({
    method: 'POST',
    path: '/requests/{id}/withdraw',
    operationId: 'WithdrawRequest',
    summary: 'Withdraw a pending request you made.',
    description:
      'Only the requester withdraws (403 otherwise); nothing is provisioned. A request that is no longer pending is a 409.',
    params: requestIdParamsSchema,
    responses: {
      200: {
        description: 'The withdrawn request.',
        schema: approvalRequestSchema,
      },
      ...errorResponses(401, 403, 404, 409),
    },
  }),
  requestException: defineRoute({
    method: 'POST',
    path: '/environments/{id}/exceptions',
    operationId: 'RequestException',
    summary: 'Ask for a time-boxed exception to a baseline rule.',
    description:
      "For a rule of severity `high` of the environment's baseline (a `blocking` or `low` rule, or one the baseline does not have, is a 400), on the environment or one of its resources, with a justification and an end date within `environments.exceptions.maxDuration`. The caller needs `environments.environment.update` on the environment. It waits for the approver group (the class's `approval.approvers`, else `paved.permissions.platformGroup`), who is notified. A second pending or approved exception for the same rule and resource is a 409.",
    params,
    body: requestExceptionBodySchema,
    responses: {
      201: {
        description: 'The pending exception.',
        schema: baselineExceptionSchema,
      },
      ...errorResponses(400, 401, 403, 404, 409, 413),
    },
  }),
  listExceptions: defineRoute({
    method: 'GET',
    path: '/exceptions',
    operationId: 'ListExceptions',
    summary: 'Baseline exceptions, newest first.',
    description:
      'Exceptions of environments the caller may read, at most 500. Query parameters other than the ones below are refused with a 400.',
    query: listExceptionsQuerySchema,
    responses: {
      200: {
        description: 'The exceptions.',
        schema: baselineExceptionListSchema,
      },
      ...errorResponses(400, 401),
    },
  }),
  decideException: defineRoute({
    method: 'POST',
    path: '/exceptions/{id}/decision',
    operationId: 'DecideException',
    summary: 'Approve or reject a pending baseline exception.',
    description:
      "Only a member of the exception's approver group with the `environments.exception.approve` permission decides, and never the one who asked (403). Rejecting needs a `comment` (400 without). An exception that is no longer pending is a 409, as is the second of two simultaneous decisions.",
    params: exceptionIdParamsSchema,
    body: decideRequestBodySchema,
    responses: {
      200: {
        description: 'The decided exception.',
        schema: baselineExceptionSchema,
      },
      ...errorResponses(400, 401, 403, 404, 409, 413),
    },
  }),
};
