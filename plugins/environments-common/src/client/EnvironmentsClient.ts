import { ApiRoute, RouteInput, RouteOutput } from '../api/route';
import { environmentsApiRoutes as routes } from '../api/routes';
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
import {
  AddResourcesOptions,
  CreateEnvironmentOptions,
  DestroyEnvironmentOptions,
  EnvironmentsApi,
  EnvironmentsDiscovery,
  EnvironmentsFetch,
  EnvironmentsRequestOptions,
} from './EnvironmentsApi';
import { fetchRoute, sendRequest, Transport } from './sendRequest';

/**
 * A client of the environments REST API for the frontend and for backend modules. Each
 * method sends one route of `environmentsApiRoutes`, typed by its schemas.
 * A non-2xx answer throws a `ResponseError` whose message carries the server's,
 * which names the field and the rule (`name: must be at most 30 characters`).
 * @public
 */
export class EnvironmentsClient implements EnvironmentsApi {
  private readonly transport: Transport;

  constructor(options: {
    discoveryApi: EnvironmentsDiscovery;
    fetchApi?: EnvironmentsFetch;
  }) {
    this.transport = {
      discoveryApi: options.discoveryApi,
      // Looked up on each call rather than captured, so a replaced global fetch is used.
      fetchApi: options.fetchApi ?? {
        fetch: (input, init) => fetch(input, init),
      },
    };
  }

  /** Sends one route of the table; what it answers is typed by the route's schemas. */
  private send<R extends ApiRoute>(
    route: R,
    input: RouteInput<R>,
    options: EnvironmentsRequestOptions,
  ): Promise<RouteOutput<R>> {
    return sendRequest(this.transport, route, input, options.token);
  }

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
  async createEnvironment(
    request: CreateEnvironmentRequest,
    options: CreateEnvironmentOptions = {},
  ): Promise<CreateEnvironmentResponse | EnvironmentPlan> {
    return this.send(
      routes.createEnvironment,
      {
        // The server treats only the exact value `true` as a dry run.
        query: options.dryRun ? { dryRun: true } : {},
        headers: {
          'Idempotency-Key': options.idempotencyKey,
          'x-paved-scaffolder-task-id': options.scaffolderTaskId,
        },
        body: request,
      },
      options,
    );
  }

  async listEnvironments(
    request: ListEnvironmentsRequest = {},
    options: EnvironmentsRequestOptions = {},
  ): Promise<EnvironmentList> {
    return this.send(routes.listEnvironments, { query: request }, options);
  }

  async getEnvironment(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<Environment> {
    return this.send(routes.getEnvironment, { params: { id } }, options);
  }

  async getOperations(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<Operation[]> {
    const { items } = await this.send(
      routes.getOperations,
      { params: { id } },
      options,
    );
    return items;
  }

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
  async addResources(
    id: string,
    resources: ResourceRequest[],
    options: AddResourcesOptions = {},
  ): Promise<CreateEnvironmentResponse | EnvironmentPlan> {
    return this.send(
      routes.addResources,
      {
        params: { id },
        query: options.dryRun ? { dryRun: true } : {},
        body: { resources },
      },
      options,
    );
  }

  async extendEnvironment(
    id: string,
    ttl: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<CreateEnvironmentResponse> {
    return this.send(
      routes.extendEnvironment,
      { params: { id }, body: { ttl } },
      options,
    );
  }

  async destroyEnvironment(
    id: string,
    options: DestroyEnvironmentOptions = {},
  ): Promise<CreateEnvironmentResponse> {
    return this.send(
      routes.destroyEnvironment,
      { params: { id }, query: { confirm: options.confirm } },
      options,
    );
  }

  async revealSecret(
    resourceId: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<{ connectionString: string }> {
    return this.send(
      routes.revealSecret,
      { params: { id: resourceId } },
      options,
    );
  }

  async retryEnvironment(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<CreateEnvironmentResponse> {
    return this.send(routes.retryEnvironment, { params: { id } }, options);
  }

  async listClasses(
    options: EnvironmentsRequestOptions = {},
  ): Promise<EnvironmentClassSummary[]> {
    const { items } = await this.send(routes.listClasses, {}, options);
    return items;
  }

  async getFindings(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<Finding[]> {
    const { items } = await this.send(
      routes.getFindings,
      { params: { id } },
      options,
    );
    return items;
  }

  async listFindings(
    request: ListFindingsRequest = {},
    options: EnvironmentsRequestOptions = {},
  ): Promise<Finding[]> {
    const { items } = await this.send(
      routes.listFindings,
      { query: request },
      options,
    );
    return items;
  }

  async listRequests(
    request: ListRequestsRequest = {},
    options: EnvironmentsRequestOptions = {},
  ): Promise<ApprovalRequest[]> {
    const { items } = await this.send(
      routes.listRequests,
      { query: request },
      options,
    );
    return items;
  }

  async decideRequest(
    id: string,
    decision: RequestDecision,
    options: EnvironmentsRequestOptions = {},
  ): Promise<ApprovalRequest> {
    return this.send(
      routes.decideRequest,
      { params: { id }, body: decision },
      options,
    );
  }

  async withdrawRequest(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<ApprovalRequest> {
    return this.send(routes.withdrawRequest, { params: { id } }, options);
  }

  async requestException(
    environmentId: string,
    request: ExceptionRequest,
    options: EnvironmentsRequestOptions = {},
  ): Promise<BaselineException> {
    return this.send(
      routes.requestException,
      { params: { id: environmentId }, body: request },
      options,
    );
  }

  async listExceptions(
    request: ListExceptionsRequest = {},
    options: EnvironmentsRequestOptions = {},
  ): Promise<BaselineException[]> {
    const { items } = await this.send(
      routes.listExceptions,
      { query: request },
      options,
    );
    return items;
  }

  async decideException(
    id: string,
    decision: RequestDecision,
    options: EnvironmentsRequestOptions = {},
  ): Promise<BaselineException> {
    return this.send(
      routes.decideException,
      { params: { id }, body: decision },
      options,
    );
  }

  async listGoals(
    request: ListGoalsRequest = {},
    options: EnvironmentsRequestOptions = {},
  ): Promise<Goal[]> {
    const { items } = await this.send(
      routes.listGoals,
      { query: request },
      options,
    );
    return items;
  }

  async getGoal(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<GoalDetail> {
    return this.send(routes.getGoal, { params: { id } }, options);
  }

  async getGoalHistory(
    id: string,
    request: GoalHistoryRequest = {},
    options: EnvironmentsRequestOptions = {},
  ): Promise<GoalHistory> {
    return this.send(
      routes.getGoalHistory,
      { params: { id }, query: { ...request, format: 'json' } },
      options,
    );
  }

  async getGoalHistoryCsv(
    id: string,
    request: GoalHistoryRequest = {},
    options: EnvironmentsRequestOptions = {},
  ): Promise<string> {
    const response = await fetchRoute(
      this.transport,
      routes.getGoalHistory,
      { params: { id }, query: { ...request, format: 'csv' } },
      options.token,
    );
    return response.text();
  }

  async snapshotGoals(
    options: EnvironmentsRequestOptions = {},
  ): Promise<GoalSnapshotRun> {
    return this.send(routes.snapshotGoals, {}, options);
  }
}
