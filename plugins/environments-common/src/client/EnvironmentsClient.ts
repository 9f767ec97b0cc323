import { ResponseError } from '@backstage/errors';
import { CreateEnvironmentRequest, ResourceRequest } from '../schemas';
import {
  CreateEnvironmentResponse,
  Environment,
  EnvironmentClassSummary,
  EnvironmentList,
  EnvironmentPlan,
  EnvironmentStatus,
  Finding,
  FindingSeverity,
  Operation,
  Tier,
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

/** The filters and page of `GET /environments`. @public */
export interface ListEnvironmentsRequest {
  /** One component or system, or several. */
  entityRef?: string | string[];
  owner?: string;
  class?: string;
  tier?: Tier;
  /** `destroyed` is the only way to list destroyed environments. */
  status?: EnvironmentStatus;
  /** An ISO 8601 date-time. */
  expiringBefore?: string;
  /** 1 to 500; the server's default is 50. */
  limit?: number;
  /** The `nextCursor` of an earlier page. */
  cursor?: string;
  /** Only environments with (true) or without (false) an open baseline finding. */
  hasFindings?: boolean;
}

/** The filters of `GET /findings`. @public */
export interface ListFindingsRequest {
  /** The findings of one component's or system's environments, or of several. */
  entityRef?: string | string[];
  severity?: FindingSeverity;
  /** `open` or `resolved`; both when absent. */
  state?: 'open' | 'resolved';
}

/** @public */
export interface DestroyEnvironmentOptions extends EnvironmentsRequestOptions {
  /** The environment's name; needed to destroy a production environment. */
  confirm?: string;
}

/**
 * The environments REST API (`/api/environments`), as described by the backend's
 * `src/schema/openapi.yaml`.
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
  /** Adds resources to a live environment; they are provisioned by an `update` operation. */
  addResources(
    id: string,
    resources: ResourceRequest[],
    options?: EnvironmentsRequestOptions,
  ): Promise<CreateEnvironmentResponse>;
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
}

interface Call extends EnvironmentsRequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  query?: URLSearchParams;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A client of the environments REST API for the frontend and for backend modules.
 * A non-2xx answer throws a `ResponseError` whose message carries the server's,
 * which names the field and the rule (`name: must be at most 30 characters`).
 * @public
 */
export class EnvironmentsClient implements EnvironmentsApi {
  private readonly discoveryApi: EnvironmentsDiscovery;
  private readonly fetchApi: EnvironmentsFetch;

  constructor(options: {
    discoveryApi: EnvironmentsDiscovery;
    fetchApi?: EnvironmentsFetch;
  }) {
    this.discoveryApi = options.discoveryApi;
    // Looked up on each call rather than captured, so a replaced global fetch is used.
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
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
    const headers: Record<string, string> = {};
    if (options.idempotencyKey !== undefined) {
      headers['Idempotency-Key'] = options.idempotencyKey;
    }
    if (options.scaffolderTaskId !== undefined) {
      headers['x-paved-scaffolder-task-id'] = options.scaffolderTaskId;
    }
    return this.call('/environments', {
      method: 'POST',
      // The server treats only the exact value `true` as a dry run.
      query: options.dryRun
        ? new URLSearchParams({ dryRun: 'true' })
        : undefined,
      headers,
      body: request,
      token: options.token,
    });
  }

  async listEnvironments(
    request: ListEnvironmentsRequest = {},
    options: EnvironmentsRequestOptions = {},
  ): Promise<EnvironmentList> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request)) {
      if (value === undefined) continue;
      // Repeated, not comma-joined: entity refs are matched one by one.
      for (const item of ([] as unknown[]).concat(value))
        query.append(key, String(item));
    }
    return this.call('/environments', { query, token: options.token });
  }

  async getEnvironment(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<Environment> {
    return this.call(`/environments/${encodeURIComponent(id)}`, options);
  }

  async getOperations(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<Operation[]> {
    const { items } = await this.call<{ items: Operation[] }>(
      `/environments/${encodeURIComponent(id)}/operations`,
      options,
    );
    return items;
  }

  async addResources(
    id: string,
    resources: ResourceRequest[],
    options: EnvironmentsRequestOptions = {},
  ): Promise<CreateEnvironmentResponse> {
    return this.call(`/environments/${encodeURIComponent(id)}/resources`, {
      method: 'POST',
      body: { resources },
      token: options.token,
    });
  }

  async extendEnvironment(
    id: string,
    ttl: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<CreateEnvironmentResponse> {
    return this.call(`/environments/${encodeURIComponent(id)}/extend`, {
      method: 'POST',
      body: { ttl },
      token: options.token,
    });
  }

  async destroyEnvironment(
    id: string,
    options: DestroyEnvironmentOptions = {},
  ): Promise<CreateEnvironmentResponse> {
    return this.call(`/environments/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      query:
        options.confirm === undefined
          ? undefined
          : new URLSearchParams({ confirm: options.confirm }),
      token: options.token,
    });
  }

  async revealSecret(
    resourceId: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<{ connectionString: string }> {
    return this.call(
      `/resources/${encodeURIComponent(resourceId)}/secret`,
      options,
    );
  }

  async retryEnvironment(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<CreateEnvironmentResponse> {
    return this.call(`/environments/${encodeURIComponent(id)}/retry`, {
      method: 'POST',
      token: options.token,
    });
  }

  async listClasses(
    options: EnvironmentsRequestOptions = {},
  ): Promise<EnvironmentClassSummary[]> {
    const { items } = await this.call<{ items: EnvironmentClassSummary[] }>(
      '/classes',
      options,
    );
    return items;
  }

  async getFindings(
    id: string,
    options: EnvironmentsRequestOptions = {},
  ): Promise<Finding[]> {
    const { items } = await this.call<{ items: Finding[] }>(
      `/environments/${encodeURIComponent(id)}/findings`,
      options,
    );
    return items;
  }

  async listFindings(
    request: ListFindingsRequest = {},
    options: EnvironmentsRequestOptions = {},
  ): Promise<Finding[]> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request)) {
      if (value === undefined) continue;
      for (const item of ([] as unknown[]).concat(value))
        query.append(key, String(item));
    }
    const { items } = await this.call<{ items: Finding[] }>('/findings', {
      query,
      token: options.token,
    });
    return items;
  }

  private async call<T>(path: string, call: Call): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('environments');
    const query = call.query?.toString();
    const headers: Record<string, string> = { ...call.headers };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.token) headers.Authorization = `Bearer ${call.token}`;

    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
      {
        method: call.method ?? 'GET',
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      },
    );
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      // fromResponse's message is only the status line; the server's says which field
      // and rule, and callers such as scaffolder actions show error.message alone.
      if (error.cause.message && !error.message.includes(error.cause.message)) {
        error.message = `${error.message}: ${error.cause.message}`;
      }
      throw error;
    }
    return (await response.json()) as T;
  }
}
