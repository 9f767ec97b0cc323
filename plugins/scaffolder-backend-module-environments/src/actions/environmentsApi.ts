import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Environment,
  environmentEntityRef,
  EnvironmentsClient,
} from '@paved/plugin-environments-common';
import { describeEnded, describeWaiting } from './approvalWait';
import { sleep } from './sleep';

/** What every action needs to reach the environments service. */
export interface EnvironmentsActionOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  /** The portal's base URL, for links in outputs. */
  appBaseUrl: string;
  /** How often to look at an environment while waiting for it (default 2 s). */
  pollIntervalMs?: number;
  /**
   * The catalog, to wait for an entity that the same template has just registered:
   * `catalog:register` returns before the catalog has processed the new location.
   */
  catalog?: CatalogService;
  /** How long to wait for such an entity (default 60 s). */
  entityWaitMs?: number;
}

/**
 * A client and a token that act as the user who runs the template: the environments
 * service authorizes the call as them, not as the scaffolder.
 */
export async function callAsInitiator(
  options: EnvironmentsActionOptions,
  credentials: BackstageCredentials,
) {
  const { token } = await options.auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'environments',
  });
  return {
    client: new EnvironmentsClient({ discoveryApi: options.discovery }),
    token,
  };
}

/**
 * The API request an action's create-style input stands for: the scaffolder does not
 * apply schema defaults, so resources and their specs are filled in here.
 */
export function toCreateRequest(input: {
  name: string;
  class: string;
  owner: string;
  entityRef: string;
  ttl?: string;
  resources?: Array<{
    type: string;
    name: string;
    spec?: Record<string, unknown>;
  }>;
  reason?: string;
  exceptions?: Array<{
    rule: string;
    resource?: string;
    justification: string;
    until: string;
  }>;
}) {
  return {
    name: input.name,
    class: input.class,
    owner: input.owner,
    entityRef: input.entityRef,
    ...(input.ttl && { ttl: input.ttl }),
    resources: (input.resources ?? []).map(r => ({ ...r, spec: r.spec ?? {} })),
    ...(input.reason && { reason: input.reason }),
    ...(input.exceptions?.length && {
      exceptions: input.exceptions.map(x => ({
        ...x,
        // A form's date field gives a day: the exception lasts to its end.
        until: /^\d{4}-\d{2}-\d{2}$/.test(x.until)
          ? `${x.until}T23:59:59Z`
          : x.until,
      })),
    }),
  };
}

/**
 * Waits until the catalog has the entity, for templates that register a component and
 * then create its environments. Gives up quietly: the environments API then refuses
 * the request with its own message, which names the field.
 */
export async function waitForEntity(
  options: EnvironmentsActionOptions,
  entityRef: string,
  credentials: BackstageCredentials,
  logger: LoggerService,
  signal?: AbortSignal,
): Promise<void> {
  const { catalog } = options;
  if (!catalog) return;
  const deadline = Date.now() + (options.entityWaitMs ?? 60_000);
  let told = false;
  while (!(await catalog.getEntityByRef(entityRef, { credentials }))) {
    if (Date.now() >= deadline || signal?.aborted) return;
    if (!told) {
      logger.info(`Waiting for ${entityRef} to appear in the catalog`);
      told = true;
    }
    await new Promise(resolve =>
      setTimeout(resolve, Math.min(options.pollIntervalMs ?? 2000, 1000)),
    );
  }
}

/**
 * The environment an action is about: by id, or by its component or system and its name
 * (what a template form collects before an environment picker exists).
 */
export async function resolveEnvironmentId(
  client: EnvironmentsClient,
  token: string,
  input: {
    environmentId?: string;
    entityRef?: string;
    environmentName?: string;
  },
): Promise<string> {
  if (input.environmentId) return input.environmentId;
  if (!input.entityRef || !input.environmentName) {
    throw new InputError(
      'environmentId, or entityRef and environmentName, must be given',
    );
  }
  const { items } = await client.listEnvironments(
    { entityRef: input.entityRef, limit: 500 },
    { token },
  );
  const found = items.find(e => e.name === input.environmentName);
  if (!found) {
    throw new NotFoundError(
      `environmentName: ${input.entityRef} has no environment named "${
        input.environmentName
      }" (it has ${items.map(e => e.name).join(', ') || 'none'})`,
    );
  }
  return found.id;
}

/**
 * Waits until the environment is ready (or failed, or gone), at most `timeoutSeconds`,
 * and stops at once when the task is cancelled.
 */
export async function waitForEnvironment(options: {
  client: EnvironmentsClient;
  token: string;
  id: string;
  until: Array<Environment['status']>;
  timeoutSeconds: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
  logger: LoggerService;
}): Promise<Environment> {
  const { client, token } = options;
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let last: Environment['status'] | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const environment = await options.client.getEnvironment(options.id, {
      token: options.token,
    });
    if (environment.status !== last) {
      last = environment.status;
      options.logger.info(
        `Environment ${environment.name} is ${environment.status}${
          environment.statusReason ? `: ${environment.statusReason}` : ''
        }`,
      );
      if (last === 'awaiting-approval') {
        options.logger.info(await describeWaiting(client, token, environment));
      }
    }
    if (options.until.includes(environment.status)) {
      return environment;
    }
    if (environment.status === 'destroyed') {
      // A request that waited for approval and was rejected, withdrawn or expired.
      throw new Error(await describeEnded(client, token, environment));
    }
    if (environment.status === 'failed') {
      throw new Error(
        `Environment ${environment.name} failed: ${
          environment.statusReason ?? 'see its operations'
        }`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Environment ${environment.name} was still ${environment.status} after ${options.timeoutSeconds} s; it goes on in the background (see its card)`,
      );
    }
    await sleep(options.pollIntervalMs, options.signal);
  }
}


/** Non-secret outputs for the next steps and the task's output page. */
export function describeEnvironment(
  environment: Environment,
  appBaseUrl: string,
) {
  const [kind, rest] = environment.entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const catalogRef = environmentEntityRef(environment);
  return {
    environmentId: environment.id,
    // The catalog entity the catalog module publishes for it.
    environmentRef: `environment:${catalogRef.namespace}/${catalogRef.name}`,
    status: environment.status,
    expiresAt: environment.expiresAt,
    url: `${appBaseUrl}/catalog/${namespace}/${kind}/${name}`,
    resources: environment.resources.map(r => ({
      id: r.id,
      type: r.type,
      name: r.name,
      status: r.status,
      outputs: r.outputs,
    })),
  };
}

/**
 * The end of every action: wait for the environment (when asked to) and give its
 * non-secret description as the step's outputs.
 */
export async function settleAndOutput(
  ctx: {
    output(name: string, value: unknown): void;
    signal?: AbortSignal;
    logger: LoggerService;
  },
  options: EnvironmentsActionOptions,
  call: {
    client: EnvironmentsClient;
    token: string;
    id: string;
    wait: boolean;
    timeoutSeconds: number;
    until: Array<Environment['status']>;
  },
): Promise<Environment> {
  const environment = call.wait
    ? await waitForEnvironment({
        client: call.client,
        token: call.token,
        id: call.id,
        until: call.until,
        timeoutSeconds: call.timeoutSeconds,
        pollIntervalMs: options.pollIntervalMs ?? 2000,
        signal: ctx.signal,
        logger: ctx.logger,
      })
    : await call.client.getEnvironment(call.id, { token: call.token });
  outputEnvironment(ctx, environment, options.appBaseUrl);
  return environment;
}

/** Gives the environment's non-secret description as the step's outputs. */
export function outputEnvironment(
  ctx: { output(name: string, value: unknown): void },
  environment: Environment,
  appBaseUrl: string,
): void {
  for (const [name, value] of Object.entries(
    describeEnvironment(environment, appBaseUrl),
  )) {
    if (value !== undefined) ctx.output(name, plain(value));
  }
}

/**
 * Outputs as plain JSON values. The template engine refuses arrays whose prototype is not
 * its own, which is what a response parsed by fetch in another realm (Jest) carries.
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
