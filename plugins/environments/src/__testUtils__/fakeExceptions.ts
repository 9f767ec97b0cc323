import {
  BaselineException,
  Environment,
  ExceptionRequest,
  Finding,
  ListExceptionsRequest,
  RequestDecision,
} from '@paved/plugin-environments-common';
import { responseError } from './responseError';

/** Who decides in the fake, as the embedded default's platform group. */
export const APPROVERS = 'group:default/platform-team';

/** The server's `environments.exceptions.maxDuration` by default. */
const MAX_MS = 90 * 24 * 60 * 60 * 1000;

/** A pending exception to pr-1's connection limit on `orders`, asked by jane. */
export function anException(
  overrides: Partial<BaselineException> = {},
): BaselineException {
  return {
    id: 'exc-1',
    state: 'pending',
    environmentId: 'unset',
    environmentName: 'pr-1',
    entityRef: 'component:default/checkout-api',
    owner: 'group:default/checkout-team',
    class: 'preview',
    rule: 'postgres.connection-limit',
    resourceId: 'unset',
    resourceName: 'orders',
    justification: 'the batch import needs 100 connections until it moves',
    until: '2027-01-31T23:59:59Z',
    approvers: APPROVERS,
    requestedBy: 'user:default/jane',
    createdAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

const sameTarget = (
  a: { rule: string; resourceId?: string },
  b: { rule: string; resourceId?: string },
) => a.rule === b.rule && (a.resourceId ?? '') === (b.resourceId ?? '');

/**
 * The exception methods of the fake API, in memory and refusing what the server
 * refuses in the cases the tests use: a rule whose findings are not `high`, an end date
 * past or beyond 90 days, a second exception for the same rule, deciding twice,
 * rejecting without a comment. `user` asks and decides, and approves anything but its
 * own. Approving accepts the rule's open findings, as the reconciler would.
 */
export function fakeExceptions(options: {
  exceptions: BaselineException[];
  findings: Finding[];
  environment(id: string): Environment;
  user: string;
}) {
  const { exceptions, findings, user } = options;
  let sequence = exceptions.length;

  const requestException = async (
    environmentId: string,
    request: ExceptionRequest,
  ): Promise<BaselineException> => {
    const environment = options.environment(environmentId);
    const ruleFinding = findings.find(
      f => f.environmentId === environmentId && f.rule === request.rule,
    );
    if (ruleFinding && ruleFinding.severity !== 'high') {
      throw await responseError(
        400,
        `rule: ${request.rule} is ${ruleFinding.severity}; exceptions are only for rules of severity high`,
      );
    }
    const left = Date.parse(request.until) - Date.now();
    if (left <= 0) {
      throw await responseError(
        400,
        `until: ${request.until} is not in the future`,
      );
    }
    if (left > MAX_MS) {
      throw await responseError(
        400,
        'until: an exception may last at most 90d (environments.exceptions.maxDuration)',
      );
    }
    const taken = exceptions.some(
      e =>
        e.environmentId === environmentId &&
        (e.state === 'pending' || e.state === 'approved') &&
        sameTarget(e, request),
    );
    if (taken) {
      throw await responseError(
        409,
        `an exception to ${request.rule} is already pending or approved`,
      );
    }
    const exception: BaselineException = {
      id: `exc-asked-${++sequence}`,
      state: 'pending',
      environmentId,
      environmentName: environment.name,
      entityRef: environment.entityRef,
      owner: environment.owner,
      class: environment.class,
      rule: request.rule,
      resourceId: request.resourceId,
      resourceName: environment.resources.find(r => r.id === request.resourceId)
        ?.name,
      justification: request.justification,
      until: request.until,
      approvers: APPROVERS,
      requestedBy: user,
      createdAt: new Date().toISOString(),
    };
    exceptions.unshift(exception);
    return exception;
  };

  const listExceptions = async (request: ListExceptionsRequest = {}) =>
    exceptions.filter(
      e =>
        (!request.state || e.state === request.state) &&
        (!request.environmentId || e.environmentId === request.environmentId) &&
        (!request.mine || e.requestedBy === user) &&
        (!request.toDecide ||
          (e.state === 'pending' && e.requestedBy !== user)),
    );

  const decideException = async (
    id: string,
    decision: RequestDecision,
  ): Promise<BaselineException> => {
    const index = exceptions.findIndex(e => e.id === id);
    const exception = exceptions[index];
    if (exception.state !== 'pending') {
      throw await responseError(
        409,
        `exception ${id} is already ${exception.state}`,
      );
    }
    if (exception.requestedBy === user) {
      throw await responseError(
        403,
        'another member of the approver group must decide your own exception',
      );
    }
    if (decision.decision === 'reject' && !decision.comment?.trim()) {
      throw await responseError(400, 'comment: is required to reject');
    }
    const decided: BaselineException = {
      ...exception,
      state: decision.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: user,
      decidedAt: new Date().toISOString(),
      comment: decision.comment,
    };
    exceptions[index] = decided;
    if (decided.state === 'approved') {
      findings.forEach((finding, i) => {
        if (
          finding.environmentId === decided.environmentId &&
          !finding.resolvedAt &&
          sameTarget(finding, decided)
        ) {
          findings[i] = {
            ...finding,
            exception: {
              id: decided.id,
              acceptedBy: user,
              until: decided.until,
              justification: decided.justification,
            },
          };
        }
      });
    }
    return decided;
  };

  return { requestException, listExceptions, decideException };
}
