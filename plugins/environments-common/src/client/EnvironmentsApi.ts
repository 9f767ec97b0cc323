import {
  ApprovalRequest,
  BaselineException,
  ExceptionRequest,
  ListExceptionsRequest,
  CreateEnvironmentRequest,
  CreateEnvironmentResponse,
  Environment,
  EnvironmentClassSummary,
  EnvironmentList,
  EnvironmentPlan,
  Finding,
  Goal,
  GoalDetail,
  GoalHistory,
  GoalHistoryRequest,
  GoalSnapshotRun,
  ListEnvironmentsRequest,
  ListGoalsRequest,
  ListFindingsRequest,
  ListRequestsRequest,
  Operation,
  RequestDecision,
  ResourceRequest,
} from '../types';

/**
 * Finds the environments backend. Both the frontend `DiscoveryApi` and the backend
 * `DiscoveryService` fit, so this package needs neither framework.
 * @public
 */
export interface EnvironmentsDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * Sends the requests. The frontend `FetchApi` fits and adds the user's token.
 * @public
 */
export interface EnvironmentsFetch {
  fetch: typeof fetch;
}

/** @public */
export interface EnvironmentsRequestOptions {
  /**
   * A token for backend callers (a scaffolder action passes one on behalf of the
   * user), sent as `Authorization: Bearer`. Frontend callers leave it out and let
   * their `FetchApi` add the user's.
   */
  token?: string;
}

/** @public */
export interface CreateEnvironmentOptions extends EnvironmentsRequestOptions {
  /** The same key and body again answers with the first environment and does nothing new. */
  idempotencyKey?: string;
  /** Answer with the plan (resources, targets, cost) and store nothing. */
  dryRun?: boolean;
  /** The scaffolder task that asked, recorded on the create operation. */
  scaffolderTaskId?: string;
}

/** @public */
export interface AddResourcesOptions extends EnvironmentsRequestOptions {
  /** Answer with the plan (the new resources, their previews, the cost) and store nothing. */
  dryRun?: boolean;
}

/** @public */
export interface DestroyEnvironmentOptions extends EnvironmentsRequestOptions {
  /** The environment's name; needed to destroy a production environment. */
  confirm?: string;
}

/**
 * The environments REST API (`/api/environments`), as its route table
 * (`environmentsApiRoutes`) describes it.
 * @public
 */
export interface EnvironmentsApi {
  createEnvironment(
    request: CreateEnvironmentRequest,
    options: CreateEnvironmentOptions & { dryRun: true },
  ): Promise<EnvironmentPlan>;
  createEnvironment(
    request: CreateEnvironmentRequest,
    options?: CreateEnvironmentOptions & { dryRun?: false },
  ): Promise<CreateEnvironmentResponse>;
  createEnvironment(
    request: CreateEnvironmentRequest,
    options?: CreateEnvironmentOptions,
  ): Promise<CreateEnvironmentResponse | EnvironmentPlan>;
  listEnvironments(
    request?: ListEnvironmentsRequest,
    options?: EnvironmentsRequestOptions,
  ): Promise<EnvironmentList>;
  getEnvironment(
    id: string,
    options?: EnvironmentsRequestOptions,
  ): Promise<Environment>;
  /** Newest first. */
  getOperations(
    id: string,
    options?: EnvironmentsRequestOptions,
  ): Promise<Operation[]>;
  /**
   * Adds resources to a live environment; they are provisioned by an `update` operation.
   * With `dryRun`, answers with the plan of the resources it would add and changes nothing.
   */
  addResources(
    id: string,
    resources: ResourceRequest[],
    options: AddResourcesOptions & { dryRun: true },
  ): Promise<EnvironmentPlan>;
  addResources(
    id: string,
    resources: ResourceRequest[],
    options?: AddResourcesOptions & { dryRun?: false },
  ): Promise<CreateEnvironmentResponse>;
  addResources(
    id: string,
    resources: ResourceRequest[],
    options?: AddResourcesOptions,
  ): Promise<CreateEnvironmentResponse | EnvironmentPlan>;
  extendEnvironment(
    id: string,
    ttl: string,
    options?: EnvironmentsRequestOptions,
  ): Promise<CreateEnvironmentResponse>;
  destroyEnvironment(
    id: string,
    options?: DestroyEnvironmentOptions,
  ): Promise<CreateEnvironmentResponse>;
  revealSecret(
    resourceId: string,
    options?: EnvironmentsRequestOptions,
  ): Promise<{ connectionString: string }>;
  /** Runs a failed environment's last operation again, as a new operation. */
  retryEnvironment(
    id: string,
    options?: EnvironmentsRequestOptions,
  ): Promise<CreateEnvironmentResponse>;
  /** The configured classes: what a form may offer and how long an environment may live. */
  listClasses(
    options?: EnvironmentsRequestOptions,
  ): Promise<EnvironmentClassSummary[]>;
  /** An environment's baseline findings, open and resolved, newest first. */
  getFindings(
    id: string,
    options?: EnvironmentsRequestOptions,
  ): Promise<Finding[]>;
  /** Findings across the environments the caller may read, newest first. */
  listFindings(
    request?: ListFindingsRequest,
    options?: EnvironmentsRequestOptions,
  ): Promise<Finding[]>;
  /** Requests that needed approval, newest first. */
  listRequests(
    request?: ListRequestsRequest,
    options?: EnvironmentsRequestOptions,
  ): Promise<ApprovalRequest[]>;
  /** Approves or rejects (with a comment) a pending request. */
  decideRequest(
    id: string,
    decision: RequestDecision,
    options?: EnvironmentsRequestOptions,
  ): Promise<ApprovalRequest>;
  /** Withdraws a pending request the caller made. */
  withdrawRequest(
    id: string,
    options?: EnvironmentsRequestOptions,
  ): Promise<ApprovalRequest>;
  /** Asks for a time-boxed exception to a `high` baseline rule; it waits for approval. */
  requestException(
    environmentId: string,
    request: ExceptionRequest,
    options?: EnvironmentsRequestOptions,
  ): Promise<BaselineException>;
  /** Baseline exceptions, newest first. */
  listExceptions(
    request?: ListExceptionsRequest,
    options?: EnvironmentsRequestOptions,
  ): Promise<BaselineException[]>;
  /** Approves or rejects (with a comment) a pending exception. */
  decideException(
    id: string,
    decision: RequestDecision,
    options?: EnvironmentsRequestOptions,
  ): Promise<BaselineException>;
  /** The configured goals with their current values and last 90 days of history. */
  listGoals(
    request?: ListGoalsRequest,
    options?: EnvironmentsRequestOptions,
  ): Promise<Goal[]>;
  /** One goal with its breakdown and the environments that hold it back. */
  getGoal(
    id: string,
    options?: EnvironmentsRequestOptions,
  ): Promise<GoalDetail>;
  /** Every snapshot of one goal, oldest first, for a report; `from`/`to` are days, inclusive. */
  getGoalHistory(
    id: string,
    request?: GoalHistoryRequest,
    options?: EnvironmentsRequestOptions,
  ): Promise<GoalHistory>;
  /**
   * The same history as CSV text (a header row, one line per day), to offer as a file:
   * `new Blob([csv], { type: 'text/csv' })` named `goalHistoryFileName(id, 'csv')`.
   */
  getGoalHistoryCsv(
    id: string,
    request?: GoalHistoryRequest,
    options?: EnvironmentsRequestOptions,
  ): Promise<string>;
  /** Records today's snapshot of every goal now (the platform group). */
  snapshotGoals(options?: EnvironmentsRequestOptions): Promise<GoalSnapshotRun>;
}
