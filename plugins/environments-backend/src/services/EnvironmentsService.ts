import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CreateEnvironmentResponse,
  Environment,
  EnvironmentClassSummary,
  EnvironmentList,
  EnvironmentPlan,
  Finding,
  Operation,
  ApprovalRequest,
  BaselineException,
} from '@paved/plugin-environments-common';
import { FindingsQuery, ListQuery } from '../database/EnvironmentsStore';
import { ExceptionsQuery } from '../database/ExceptionStore';
import { RequestsQuery } from '../database/RequestStore';
import { ExceptionAsk } from '../exceptions/checkExceptionRequest';
import { addResources } from '../useCases/addResources';
import {
  CreateOptions,
  CreateRequest,
  UseCaseContext,
} from '../useCases/context';
import { createEnvironment } from '../useCases/createEnvironment';
import { destroyEnvironment } from '../useCases/destroyEnvironment';
import { extendEnvironment } from '../useCases/extendEnvironment';
import {
  environmentFindings,
  environmentOperations,
  getEnvironment,
  listEnvironments,
  listFindings,
} from '../useCases/readEnvironments';
import { retryEnvironment } from '../useCases/retryEnvironment';
import { decideRequest } from '../useCases/decideRequest';
import { expireRequests } from '../useCases/expireRequests';
import { listRequests } from '../useCases/listRequests';
import { withdrawRequest } from '../useCases/withdrawRequest';
import { requestException } from '../useCases/requestException';
import { decideException } from '../useCases/decideException';
import { listExceptions } from '../useCases/listExceptions';
import { revealSecret } from '../useCases/revealSecret';

export type { CreateOptions, CreateRequest };

/**
 * What the REST API does, without HTTP: every method authorizes as the caller, and every
 * write is recorded as an operation the engine carries out. Each method is one use case.
 */
export class EnvironmentsService {
  constructor(private readonly ctx: UseCaseContext) {}

  create(
    request: CreateRequest,
    options: CreateOptions,
  ): Promise<CreateEnvironmentResponse | EnvironmentPlan> {
    return createEnvironment(this.ctx, request, options);
  }

  list(
    query: ListQuery,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentList> {
    return listEnvironments(this.ctx, query, credentials);
  }

  get(id: string, credentials: BackstageCredentials): Promise<Environment> {
    return getEnvironment(this.ctx, id, credentials);
  }

  findings(id: string, credentials: BackstageCredentials): Promise<Finding[]> {
    return environmentFindings(this.ctx, id, credentials);
  }

  listFindings(
    query: Omit<FindingsQuery, 'environmentId'>,
    credentials: BackstageCredentials,
  ): Promise<Finding[]> {
    return listFindings(this.ctx, query, credentials);
  }

  operations(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Operation[]> {
    return environmentOperations(this.ctx, id, credentials);
  }

  addResources(
    id: string,
    resources: CreateRequest['resources'],
    credentials: BackstageCredentials,
    options: { dryRun?: boolean } = {},
  ): Promise<CreateEnvironmentResponse | EnvironmentPlan> {
    return addResources(this.ctx, id, resources, credentials, options);
  }

  extend(
    id: string,
    ttl: string,
    credentials: BackstageCredentials,
  ): Promise<CreateEnvironmentResponse> {
    return extendEnvironment(this.ctx, id, ttl, credentials);
  }

  destroy(
    id: string,
    confirm: string | undefined,
    credentials: BackstageCredentials,
    requestedBy?: string,
  ): Promise<CreateEnvironmentResponse> {
    return destroyEnvironment(this.ctx, id, confirm, credentials, requestedBy);
  }

  retry(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CreateEnvironmentResponse> {
    return retryEnvironment(this.ctx, id, credentials);
  }

  classes(): EnvironmentClassSummary[] {
    return this.ctx.classes.summaries();
  }

  revealSecret(
    resourceId: string,
    credentials: BackstageCredentials,
  ): Promise<{ connectionString: string }> {
    return revealSecret(this.ctx, resourceId, credentials);
  }

  listRequests(
    query: Omit<RequestsQuery, 'requestedBy' | 'approvers'> & {
      mine?: boolean;
      toDecide?: boolean;
    },
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequest[]> {
    return listRequests(this.ctx, query, credentials);
  }

  decideRequest(
    id: string,
    body: { decision: 'approve' | 'reject'; comment?: string },
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequest> {
    return decideRequest(this.ctx, id, body, credentials);
  }

  withdrawRequest(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequest> {
    return withdrawRequest(this.ctx, id, credentials);
  }

  requestException(
    environmentId: string,
    ask: ExceptionAsk,
    credentials: BackstageCredentials,
  ): Promise<BaselineException> {
    return requestException(this.ctx, environmentId, ask, credentials);
  }

  listExceptions(
    query: Omit<ExceptionsQuery, 'requestedBy' | 'approvers'> & {
      mine?: boolean;
      toDecide?: boolean;
    },
    credentials: BackstageCredentials,
  ): Promise<BaselineException[]> {
    return listExceptions(this.ctx, query, credentials);
  }

  decideException(
    id: string,
    body: { decision: 'approve' | 'reject'; comment?: string },
    credentials: BackstageCredentials,
  ): Promise<BaselineException> {
    return decideException(this.ctx, id, body, credentials);
  }

  /** The request expiry job's pass. */
  expireRequests(now: Date) {
    return expireRequests(this.ctx, now);
  }
}
