import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  CreateEnvironmentResponse,
  Environment,
  EnvironmentClassSummary,
  EnvironmentList,
  EnvironmentPlan,
  environmentCreatePermission,
  Finding,
  environmentDeletePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  formatDuration,
  normalizeEntityRef,
  Operation,
  parseDuration,
  resourceSecretReadPermission,
  ValidationMessage,
  type createEnvironmentRequestSchema,
} from '@paved/plugin-environments-common';
import { JsonObject } from '@backstage/types';
import crypto from 'node:crypto';
import { z } from 'zod';
import {
  EnvironmentClass,
  EnvironmentsConfig,
} from '../config/readEnvironmentsConfig';
import {
  EnvironmentsStore,
  ListQuery,
  toTimestamp,
} from '../database/EnvironmentsStore';
import { FindingsQuery, FindingsStore } from '../database/FindingsStore';
import { matchesConditions } from '../permissions/matchesConditions';
import {
  EnvironmentFilter,
  EnvironmentPermissionResource,
} from '../permissions/rules';
import {
  blocking,
  checkRequest,
  DesiredEnvironment,
  DesiredResource,
  RuleViolation,
} from '../baselines/BaselineEvaluator';
import { estimateMonthlyCost } from './estimateCost';
import { ProviderRegistry } from './ProviderRegistry';
import { SecretBox } from './SecretBox';

export type CreateRequest = z.output<typeof createEnvironmentRequestSchema>;

export interface CreateOptions {
  credentials: BackstageCredentials;
  idempotencyKey?: string;
  dryRun?: boolean;
  scaffolderTaskId?: string;
}

interface Deps {
  store: EnvironmentsStore;
  config: EnvironmentsConfig;
  providers: ProviderRegistry;
  secrets: SecretBox;
  catalog: CatalogService;
  permissions: PermissionsService;
  ruleset: PermissionRuleset<EnvironmentPermissionResource, EnvironmentFilter>;
  auditor: AuditorService;
  /** Tells the local operations engine there is work, so it need not wait for its poll. */
  onOperationQueued: () => void;
  /**
   * Told after a write changed an environment (its status, expiry or resources) and the
   * operation that records it, so the change can be published. Must return at once.
   */
  onEnvironmentChange?: (environmentId: string, operationId: string) => void;
}

/**
 * What the REST API does, without HTTP: validation against the class, authorization as
 * the caller, and every write recorded as an operation the engine carries out.
 */
export class EnvironmentsService {
  constructor(private readonly deps: Deps) {}

  async create(
    asked: CreateRequest,
    options: CreateOptions,
  ): Promise<CreateEnvironmentResponse | EnvironmentPlan> {
    const { store, config } = this.deps;
    const request = {
      ...asked,
      entityRef: normalizeEntityRef(asked.entityRef),
      owner: normalizeEntityRef(asked.owner),
    };
    const principal = principalRef(options.credentials);

    if (options.idempotencyKey && !options.dryRun) {
      const earlier = await this.replay(principal, options.idempotencyKey, request);
      if (earlier) return earlier;
    }

    const environmentClass = this.requireClass(request.class);
    const now = new Date();
    const expiresAt = this.expiry(environmentClass, request.ttl, now);
    const resources = this.planResources(environmentClass, request.resources);
    const warnings: ValidationMessage[] = [];

    if (options.dryRun) {
      // A template plans before it registers the entity; the plan says what is missing.
      if (!(await this.hasEntity(request.entityRef, options.credentials))) {
        warnings.push({
          field: 'entityRef',
          message: `${request.entityRef} is not in the catalog yet; it must be before the environment is created`,
        });
      }
    } else {
      await this.requireEntity(request.entityRef, options.credentials);
    }
    await this.authorizeCandidate(
      environmentCreatePermission,
      { owner: request.owner, tier: environmentClass.tier },
      options.credentials,
    );

    const existing = await store.findLiveByName(request.entityRef, request.name);
    if (existing) {
      throw new ConflictError(
        `name: ${request.entityRef} already has an environment named "${request.name}"`,
      );
    }
    const live = await store.countLive(request.owner, environmentClass.name);
    if (live >= environmentClass.maxEnvironmentsPerOwner) {
      throw new ConflictError(
        `owner: ${request.owner} already has ${live} ${environmentClass.name} environments, the most the class allows (maxEnvironmentsPerOwner: ${environmentClass.maxEnvironmentsPerOwner})`,
      );
    }

    const cost = estimateMonthlyCost(
      environmentClass,
      resources.map(r => r.type),
      config.currency,
    );
    const broken = this.checkBaseline(
      environmentClass,
      {
        name: request.name,
        tier: environmentClass.tier,
        lifecycle: environmentClass.lifecycle,
        owner: request.owner,
        expiresAt: expiresAt && toTimestamp(expiresAt),
        resourceCount: resources.length,
        monthlyCost: cost.amount,
      },
      resources.map((r, index) => ({ ...r, field: `resources[${index}]` })),
    );
    warnings.push(...broken);
    if (options.dryRun) {
      return {
        environment: {
          name: request.name,
          class: environmentClass.name,
          tier: environmentClass.tier,
          lifecycle: environmentClass.lifecycle,
          owner: request.owner,
          entityRef: request.entityRef,
          createdBy: principal,
          expiresAt: expiresAt && toTimestamp(expiresAt),
          resources: resources.map(r => ({ ...r, spec: r.spec })),
          estimatedMonthlyCost: cost,
        },
        warnings,
        estimatedMonthlyCost: cost,
      };
    }

    const environmentId = crypto.randomUUID();
    const operationId = crypto.randomUUID();
    const timestamp = toTimestamp(now);
    const auditorEvent = await this.deps.auditor.createEvent({
      eventId: 'environment-create',
      severityLevel: environmentClass.tier === 'production' ? 'high' : 'medium',
      meta: { entityRef: request.entityRef, name: request.name, class: request.class },
    });
    try {
      await store.transaction(async tx => {
        await tx('environments').insert({
          id: environmentId,
          name: request.name,
          class: environmentClass.name,
          tier: environmentClass.tier,
          lifecycle: environmentClass.lifecycle,
          owner: request.owner,
          entity_ref: request.entityRef,
          created_by: principal,
          status: 'provisioning',
          created_at: timestamp,
          updated_at: timestamp,
          expires_at: expiresAt ? toTimestamp(expiresAt) : null,
        });
        if (resources.length) {
          await tx('resources').insert(resourceRows(environmentId, resources, timestamp));
        }
        await tx('operations').insert({
          id: operationId,
          environment_id: environmentId,
          type: 'create',
          state: 'queued',
          attempts: 0,
          requested_by: principal,
          scaffolder_task_id: options.scaffolderTaskId ?? null,
          created_at: timestamp,
        });
        if (options.idempotencyKey) {
          await tx('idempotency_keys').insert({
            principal,
            key: options.idempotencyKey,
            request_hash: hashRequest(request),
            environment_id: environmentId,
            operation_id: operationId,
            created_at: timestamp,
          });
        }
      });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      if (!isUniqueViolation(error)) throw error;
      // A request racing this one won: either the same idempotent request, or the name.
      if (options.idempotencyKey) {
        const earlier = await this.replay(principal, options.idempotencyKey, request);
        if (earlier) return earlier;
      }
      throw new ConflictError(
        `name: ${request.entityRef} already has an environment named "${request.name}"`,
      );
    }
    await auditorEvent.success({ meta: { environmentId, operationId } });
    // The answer describes what was queued; read it before the engine starts on it.
    const response = await this.response(environmentId, operationId, broken);
    this.queued(environmentId, operationId);
    return response;
  }

  async list(
    query: ListQuery,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentList> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: environmentReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      return { items: [], totalItems: 0 };
    }
    const filter =
      decision.result === AuthorizeResult.CONDITIONAL
        ? this.toFilter(decision.conditions)
        : undefined;
    const { items, totalItems } = await this.deps.store.listEnvironments(query, filter);
    const next = query.offset + items.length;
    return {
      items: items.map(e => this.withCost(e)),
      totalItems,
      nextCursor: next < totalItems ? String(next) : undefined,
    };
  }

  async get(id: string, credentials: BackstageCredentials): Promise<Environment> {
    const environment = await this.deps.store.getEnvironment(id);
    if (!environment) {
      throw new NotFoundError(`No environment with id ${id}`);
    }
    // An environment the caller may not read is, to them, not there.
    if (!(await this.isAllowed(environmentReadPermission, id, credentials))) {
      throw new NotFoundError(`No environment with id ${id}`);
    }
    return this.withCost(environment);
  }

  /** An environment's baseline findings, open and resolved, newest first. */
  async findings(id: string, credentials: BackstageCredentials): Promise<Finding[]> {
    await this.get(id, credentials);
    return new FindingsStore(this.deps.store.db).list({ environmentId: id });
  }

  /** Findings of the environments the caller may read. */
  async listFindings(
    query: Omit<FindingsQuery, 'environmentId'>,
    credentials: BackstageCredentials,
  ): Promise<Finding[]> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: environmentReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) return [];
    return new FindingsStore(this.deps.store.db).list(
      query,
      decision.result === AuthorizeResult.CONDITIONAL
        ? this.toFilter(decision.conditions)
        : undefined,
    );
  }

  async operations(id: string, credentials: BackstageCredentials): Promise<Operation[]> {
    await this.get(id, credentials);
    return this.deps.store.listOperations(id);
  }

  /** Adds resources to a live environment, provisioned by an `update` operation. */
  async addResources(
    id: string,
    requested: CreateRequest['resources'],
    credentials: BackstageCredentials,
  ): Promise<CreateEnvironmentResponse> {
    const environment = await this.get(id, credentials);
    const environmentClass = this.requireClass(environment.class);
    await this.requireAllowed(environmentUpdatePermission, id, credentials);
    if (environment.status === 'destroying' || environment.status === 'destroyed') {
      throw new ConflictError(`${environment.name} is ${environment.status}`);
    }
    const resources = this.planResources(environmentClass, requested);
    for (const [index, resource] of resources.entries()) {
      if (environment.resources.some(r => r.name === resource.name)) {
        throw new ConflictError(
          `resources[${index}].name: ${environment.name} already has a resource named "${resource.name}"`,
        );
      }
    }
    const live = environment.resources.filter(r => r.status !== 'destroyed');
    const types = [...live, ...resources].map(r => r.type);
    const broken = this.checkBaseline(
      environmentClass,
      {
        name: environment.name,
        tier: environment.tier,
        lifecycle: environment.lifecycle,
        owner: environment.owner,
        expiresAt: environment.expiresAt,
        resourceCount: types.length,
        monthlyCost: estimateMonthlyCost(environmentClass, types, this.deps.config.currency)
          .amount,
      },
      resources.map((r, index) => ({ ...r, field: `resources[${index}]` })),
    );
    const operationId = crypto.randomUUID();
    const now = toTimestamp(new Date());
    const auditorEvent = await this.deps.auditor.createEvent({
      eventId: 'environment-update',
      severityLevel: environment.tier === 'production' ? 'high' : 'medium',
      meta: { environmentId: id, resources: resources.map(r => `${r.type}/${r.name}`) },
    });
    try {
      await this.deps.store.transaction(async tx => {
        await tx('resources').insert(resourceRows(id, resources, now));
        await tx('environments')
          .where({ id })
          .update({ status: 'provisioning', status_reason: null, updated_at: now });
        await tx('operations').insert({
          id: operationId,
          environment_id: id,
          type: 'update',
          state: 'queued',
          attempts: 0,
          requested_by: principalRef(credentials),
          created_at: now,
        });
      });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      if (isUniqueViolation(error)) {
        throw new ConflictError(`resources: ${environment.name} already has a resource of that name`);
      }
      throw error;
    }
    await auditorEvent.success({ meta: { operationId } });
    const response = await this.response(id, operationId, broken);
    this.queued(id, operationId);
    return response;
  }

  async extend(
    id: string,
    ttl: string,
    credentials: BackstageCredentials,
  ): Promise<CreateEnvironmentResponse> {
    const environment = await this.get(id, credentials);
    const environmentClass = this.requireClass(environment.class);
    await this.requireAllowed(environmentUpdatePermission, id, credentials);
    if (environmentClass.lifecycle !== 'ephemeral' || !environmentClass.ttl) {
      throw new InputError(
        `ttl: ${environment.name} belongs to the static ${environmentClass.name} class; its environments do not expire`,
      );
    }
    if (environment.status === 'destroying' || environment.status === 'destroyed') {
      throw new ConflictError(`${environment.name} is ${environment.status}`);
    }
    const expiresAt = this.expiry(environmentClass, ttl, new Date())!;
    if (environment.expiresAt && expiresAt.getTime() < Date.parse(environment.expiresAt)) {
      throw new InputError(
        `ttl: ${ttl} from now is before ${environment.name} expires anyway (${environment.expiresAt}); extending never shortens`,
      );
    }
    const operationId = crypto.randomUUID();
    const now = toTimestamp(new Date());
    const auditorEvent = await this.deps.auditor.createEvent({
      eventId: 'environment-extend',
      severityLevel: 'low',
      meta: { environmentId: id, ttl },
    });
    await this.deps.store.transaction(async tx => {
      await tx('environments').where({ id }).update({
        expires_at: toTimestamp(expiresAt),
        expiry_warned_at: null,
        updated_at: now,
      });
      // Nothing to provision: the operation is recorded as done, for the history.
      await tx('operations').insert({
        id: operationId,
        environment_id: id,
        type: 'extend',
        state: 'succeeded',
        attempts: 1,
        requested_by: principalRef(credentials),
        created_at: now,
        started_at: now,
        finished_at: now,
      });
    });
    await auditorEvent.success();
    // No worker ever claims it: the new expiry is published from here.
    this.deps.onEnvironmentChange?.(id, operationId);
    return this.response(id, operationId);
  }

  async destroy(
    id: string,
    confirm: string | undefined,
    credentials: BackstageCredentials,
    requestedBy?: string,
  ): Promise<CreateEnvironmentResponse> {
    const environment = await this.get(id, credentials);
    await this.requireAllowed(environmentDeletePermission, id, credentials);
    if (environment.tier === 'production' && confirm !== environment.name) {
      throw new InputError(
        `confirm: destroying a production environment needs ?confirm=${environment.name}`,
      );
    }
    const pending = (await this.deps.store.listOperations(id)).find(
      op => op.type === 'destroy' && (op.state === 'queued' || op.state === 'running'),
    );
    if (pending || environment.status === 'destroyed') {
      // Asking again is not an error: the answer is the destroy already under way or done.
      const last =
        pending ??
        (await this.deps.store.listOperations(id)).find(op => op.type === 'destroy');
      if (last) return this.response(id, last.id);
    }
    const operationId = crypto.randomUUID();
    const now = toTimestamp(new Date());
    const auditorEvent = await this.deps.auditor.createEvent({
      eventId: 'environment-destroy',
      severityLevel: environment.tier === 'production' ? 'high' : 'medium',
      meta: { environmentId: id, name: environment.name },
    });
    await this.deps.store.transaction(async tx => {
      await tx('environments')
        .where({ id })
        .update({ status: 'destroying', status_reason: null, updated_at: now });
      await tx('operations').insert({
        id: operationId,
        environment_id: id,
        type: 'destroy',
        state: 'queued',
        attempts: 0,
        requested_by: requestedBy ?? principalRef(credentials),
        created_at: now,
      });
    });
    await auditorEvent.success({ meta: { operationId } });
    const response = await this.response(id, operationId);
    this.queued(id, operationId);
    return response;
  }

  /**
   * Runs a failed environment's work again as a new operation: a failed destroy is
   * destroyed again, anything else converges every resource that is not ready.
   */
  async retry(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CreateEnvironmentResponse> {
    const environment = await this.get(id, credentials);
    const lastFailed = (await this.deps.store.listOperations(id)).find(
      op => op.state === 'failed',
    );
    const type = lastFailed?.type === 'destroy' ? 'destroy' : 'update';
    await this.requireAllowed(
      type === 'destroy' ? environmentDeletePermission : environmentUpdatePermission,
      id,
      credentials,
    );
    if (environment.status !== 'failed') {
      throw new ConflictError(
        `${environment.name} is ${environment.status}; only a failed environment can be retried`,
      );
    }
    const operationId = crypto.randomUUID();
    const now = toTimestamp(new Date());
    const auditorEvent = await this.deps.auditor.createEvent({
      eventId: 'environment-retry',
      severityLevel: environment.tier === 'production' ? 'high' : 'medium',
      meta: { environmentId: id, operation: type },
    });
    try {
      await this.deps.store.transaction(async tx => {
        // Only one of two simultaneous retries wins; the other sees it no longer failed.
        const claimed = await tx('environments')
          .where({ id, status: 'failed' })
          .update({
            status: type === 'destroy' ? 'destroying' : 'provisioning',
            status_reason: null,
            updated_at: now,
          });
        if (!claimed) {
          throw new ConflictError(`${environment.name} is already being retried`);
        }
        await tx('operations').insert({
          id: operationId,
          environment_id: id,
          type,
          state: 'queued',
          attempts: 0,
          requested_by: principalRef(credentials),
          created_at: now,
        });
      });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
    await auditorEvent.success({ meta: { operationId } });
    const response = await this.response(id, operationId);
    this.queued(id, operationId);
    return response;
  }

  /** The configured classes, as forms and cards need them. */
  classes(): EnvironmentClassSummary[] {
    const { classes, currency } = this.deps.config;
    return [...classes.values()].map(c => ({
      name: c.name,
      tier: c.tier,
      lifecycle: c.lifecycle,
      description: c.description,
      ttl: c.ttl && {
        default: formatDuration(c.ttl.defaultMs),
        max: formatDuration(c.ttl.maxMs),
        warnBefore: formatDuration(c.ttl.warnBeforeMs),
      },
      resourceTypes: Object.keys(c.resources),
      maxEnvironmentsPerOwner: c.maxEnvironmentsPerOwner,
      baseMonthlyCost: { amount: c.baseMonthlyCost, currency },
    }));
  }

  async revealSecret(
    resourceId: string,
    credentials: BackstageCredentials,
  ): Promise<{ connectionString: string }> {
    const resource = await this.deps.store.getResourceRow(resourceId);
    if (!resource) {
      throw new NotFoundError(`No resource with id ${resourceId}`);
    }
    await this.get(resource.environment_id, credentials);
    const auditorEvent = await this.deps.auditor.createEvent({
      eventId: 'resource-secret-read',
      severityLevel: 'high',
      meta: { resourceId, environmentId: resource.environment_id },
    });
    try {
      await this.requireAllowed(
        resourceSecretReadPermission,
        resource.environment_id,
        credentials,
      );
      if (resource.status !== 'ready' || !resource.secret) {
        throw new ConflictError(
          `${resource.name} is ${resource.status}; its connection details exist once it is ready`,
        );
      }
      const provider = this.deps.providers.get(resource.type);
      if (!provider) {
        throw new ConflictError(`No provider is installed for ${resource.type}`);
      }
      const connectionString = provider.connectionString(
        JSON.parse(resource.outputs),
        this.deps.secrets.open(resource.secret),
      );
      await auditorEvent.success();
      return { connectionString };
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  }

  /**
   * A write queued an operation and moved the environment's status: publish that now,
   * since the engine may be busy with other work before it claims this one.
   */
  private queued(environmentId: string, operationId: string) {
    this.deps.onEnvironmentChange?.(environmentId, operationId);
    this.deps.onOperationQueued();
  }

  private async replay(
    principal: string,
    key: string,
    request: CreateRequest,
  ): Promise<CreateEnvironmentResponse | undefined> {
    const row = await this.deps.store.db('idempotency_keys')
      .where({ principal, key })
      .first();
    if (!row) return undefined;
    if (row.request_hash !== hashRequest(request)) {
      throw new ConflictError(
        `Idempotency-Key: "${key}" was already used for a different request`,
      );
    }
    return this.response(row.environment_id, row.operation_id);
  }

  private async response(
    environmentId: string,
    operationId: string,
    warnings: ValidationMessage[] = [],
  ): Promise<CreateEnvironmentResponse> {
    const environment = await this.deps.store.getEnvironment(environmentId);
    const operation = await this.deps.store.getOperation(operationId);
    return {
      environment: this.withCost(environment!),
      operation: operation!,
      ...(warnings.length ? { warnings } : {}),
    };
  }

  /**
   * Checks a request against its class's baseline: breaking a blocking rule refuses it,
   * naming every rule it breaks; the other broken rules come back as warnings.
   */
  private checkBaseline(
    environmentClass: EnvironmentClass,
    environment: DesiredEnvironment,
    resources: DesiredResource[],
  ): ValidationMessage[] {
    const broken = checkRequest(environmentClass.baseline, environment, resources);
    const refusing = blocking(broken);
    if (refusing.length) {
      throw new InputError(
        `The request breaks ${refusing.length === 1 ? 'a blocking rule' : `${refusing.length} blocking rules`} of the ${environmentClass.baseline.name} baseline (class ${environmentClass.name}): ${broken
          .map(v => `${v.field}: ${describeViolation(v)} [${v.rule}, ${v.severity}, see ${v.link}]`)
          .join('; ')}`,
      );
    }
    return broken.map(v => ({
      field: v.field,
      message: describeViolation(v),
      rule: v.rule,
      severity: v.severity,
      link: v.link,
    }));
  }

  private withCost(environment: Environment): Environment {
    const environmentClass = this.deps.config.classes.get(environment.class);
    if (!environmentClass) return environment;
    return {
      ...environment,
      estimatedMonthlyCost: estimateMonthlyCost(
        environmentClass,
        environment.resources
          .filter(r => r.status !== 'destroyed')
          .map(r => r.type),
        this.deps.config.currency,
      ),
    };
  }

  private requireClass(name: string): EnvironmentClass {
    const environmentClass = this.deps.config.classes.get(name);
    if (!environmentClass) {
      throw new InputError(
        `class: there is no class named "${name}"; the classes are ${[
          ...this.deps.config.classes.keys(),
        ].join(', ')}`,
      );
    }
    return environmentClass;
  }

  private expiry(
    environmentClass: EnvironmentClass,
    ttl: string | undefined,
    now: Date,
  ): Date | undefined {
    if (environmentClass.lifecycle === 'static') {
      if (ttl) {
        throw new InputError(
          `ttl: the ${environmentClass.name} class is static; its environments do not expire`,
        );
      }
      return undefined;
    }
    const policy = environmentClass.ttl!;
    const ms = ttl ? parseDuration(ttl)! : policy.defaultMs;
    if (ms > policy.maxMs) {
      throw new InputError(
        `ttl: ${ttl} is longer than the ${environmentClass.name} class allows (${formatDuration(policy.maxMs)})`,
      );
    }
    return new Date(now.getTime() + ms);
  }

  private planResources(
    environmentClass: EnvironmentClass,
    requested: CreateRequest['resources'],
  ) {
    const names = new Set<string>();
    return requested.map((resource, index) => {
      const field = `resources[${index}]`;
      const allowed = environmentClass.resources[resource.type];
      if (!allowed) {
        const types = Object.keys(environmentClass.resources);
        throw new InputError(
          `${field}.type: the ${environmentClass.name} class does not allow "${resource.type}"; it allows ${
            types.join(', ') || 'no resources'
          }`,
        );
      }
      if (names.has(resource.name)) {
        throw new InputError(`${field}.name: "${resource.name}" is used twice`);
      }
      names.add(resource.name);
      const provider = this.deps.providers.get(resource.type)!;
      let spec: JsonObject;
      try {
        spec = provider.validateSpec(resource.spec);
      } catch (error) {
        throw new InputError(`${field}.${(error as Error).message}`);
      }
      return {
        type: resource.type,
        name: resource.name,
        provider: provider.providerId,
        target: allowed.target,
        spec,
      };
    });
  }

  private async hasEntity(entityRef: string, credentials: BackstageCredentials) {
    return Boolean(await this.deps.catalog.getEntityByRef(entityRef, { credentials }));
  }

  private async requireEntity(entityRef: string, credentials: BackstageCredentials) {
    if (!(await this.hasEntity(entityRef, credentials))) {
      throw new InputError(`entityRef: ${entityRef} is not in the catalog`);
    }
  }

  /** For a request about an environment that is not stored yet (create). */
  private async authorizeCandidate(
    permission: ResourcePermission,
    candidate: EnvironmentPermissionResource,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    const allowed =
      decision.result === AuthorizeResult.ALLOW ||
      (decision.result === AuthorizeResult.CONDITIONAL &&
        matchesConditions(decision.conditions, candidate, this.deps.ruleset));
    if (!allowed) {
      throw new NotAllowedError(
        `You may not create a ${candidate.tier} environment owned by ${candidate.owner} (permission ${permission.name})`,
      );
    }
  }

  private async isAllowed(
    permission: ResourcePermission,
    environmentId: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: environmentId }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  private async requireAllowed(
    permission: ResourcePermission,
    environmentId: string,
    credentials: BackstageCredentials,
  ) {
    if (!(await this.isAllowed(permission, environmentId, credentials))) {
      throw new NotAllowedError(
        `You are not allowed to do this to environment ${environmentId} (permission ${permission.name})`,
      );
    }
  }

  private toFilter(conditions: Parameters<typeof matchesConditions>[0]) {
    return mapCriteria(conditions, condition => {
      const rule = this.deps.ruleset.getRuleByName(condition.rule);
      return rule.toQuery((condition.params ?? {}) as any);
    });
  }
}

function mapCriteria<A, B>(
  criteria: PermissionCriteria<A>,
  fn: (leaf: A) => PermissionCriteria<B>,
): PermissionCriteria<B> {
  if (typeof criteria === 'object' && criteria !== null) {
    // map keeps the length, so the criteria stay non-empty.
    type Some = [PermissionCriteria<B>, ...PermissionCriteria<B>[]];
    if ('allOf' in criteria) return { allOf: criteria.allOf.map(c => mapCriteria(c, fn)) as Some };
    if ('anyOf' in criteria) return { anyOf: criteria.anyOf.map(c => mapCriteria(c, fn)) as Some };
    if ('not' in criteria) return { not: mapCriteria(criteria.not, fn) };
  }
  return fn(criteria as A);
}

/** New resources, pending until an operation provisions them. */
function resourceRows(
  environmentId: string,
  resources: Array<{ type: string; name: string; provider: string; target: string; spec: JsonObject }>,
  timestamp: string,
) {
  return resources.map(r => ({
    id: crypto.randomUUID(),
    environment_id: environmentId,
    type: r.type,
    name: r.name,
    provider: r.provider,
    target: r.target,
    status: 'pending',
    spec: JSON.stringify(r.spec),
    outputs: '{}',
    created_at: timestamp,
    updated_at: timestamp,
  }));
}

function describeViolation(v: RuleViolation): string {
  return `${v.message} (expected ${v.expected}, got ${v.observed})`;
}

function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
  if (principal.type === 'user' && principal.userEntityRef) return principal.userEntityRef;
  return principal.subject ?? principal.type;
}

function hashRequest(request: CreateRequest): string {
  return crypto.createHash('sha256').update(stableStringify(request)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${stableStringify((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e.message ?? '')
  );
}

