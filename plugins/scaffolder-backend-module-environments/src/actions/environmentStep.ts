import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Environment,
  EnvironmentsClient,
} from '@paved/plugin-environments-common';
import {
  callAsInitiator,
  EnvironmentsActionOptions,
  outputEnvironment,
  resolveEnvironmentId,
  settleAndOutput,
} from './environmentsApi';
import { waitOptions } from './fields';

/** The part of a scaffolder action context a step uses, whatever its own input and outputs. */
export interface StepContext<TInput> {
  input: TInput;
  isDryRun?: boolean;
  logger: LoggerService;
  signal?: AbortSignal;
  output(name: string, value: unknown): void;
  getInitiatorCredentials(): Promise<BackstageCredentials>;
}

/** The inputs every action that waits for its environment takes (see `waitFields`). */
type WaitInput = { wait?: boolean; timeout?: number };

/** An action's step, acting as the user who runs the template. */
export interface Step {
  client: EnvironmentsClient;
  token: string;
  credentials: BackstageCredentials;
  /** Waits for the environment when the input asks to, then gives it as the step's outputs. */
  settle(
    environmentId: string,
    until: Array<Environment['status']>,
  ): Promise<Environment>;
  /** Gives the environment as the step's outputs, without waiting. */
  output(environment: Environment): void;
}

/** A step about an environment that exists already, named by the input. */
export interface EnvironmentStep extends Omit<Step, 'settle'> {
  environmentId: string;
  /** The environment as it is now, read once however often asked. */
  environment(): Promise<Environment>;
  /**
   * On a dry run: logs what the step would do and gives the environment's id and status,
   * the outputs a later step of a dry run can use. Returns whether it was a dry run.
   */
  dryRun(wouldDo: (environment: Environment) => string): Promise<boolean>;
  settle(until: Array<Environment['status']>): Promise<Environment>;
}

/**
 * How every action starts: the initiator's credentials and a token that acts as them,
 * because the environments service authorizes the call as the user, not as the scaffolder.
 */
export async function startStep<TInput extends object>(
  ctx: StepContext<TInput>,
  options: EnvironmentsActionOptions,
): Promise<Step> {
  const credentials = await ctx.getInitiatorCredentials();
  const { client, token } = await callAsInitiator(options, credentials);
  return {
    client,
    token,
    credentials,
    settle: (environmentId, until) =>
      settleAndOutput(ctx, options, {
        client,
        token,
        id: environmentId,
        // The scaffolder does not apply the schema's defaults.
        ...waitOptions(ctx.input),
        until,
      }),
    output: environment =>
      outputEnvironment(ctx, environment, options.appBaseUrl),
  };
}

/**
 * How an action on an existing environment starts: a step, and the environment its input
 * names by id or by its component or system and name.
 */
export async function startEnvironmentStep<
  TInput extends WaitInput & {
    environmentId?: string;
    entityRef?: string;
    environmentName?: string;
  },
>(
  ctx: StepContext<TInput>,
  options: EnvironmentsActionOptions,
): Promise<EnvironmentStep> {
  const step = await startStep(ctx, options);
  const environmentId = await resolveEnvironmentId(
    step.client,
    step.token,
    ctx.input,
  );
  let current: Promise<Environment> | undefined;
  const environment = () =>
    (current ??= step.client.getEnvironment(environmentId, {
      token: step.token,
    }));
  return {
    ...step,
    environmentId,
    environment,
    async dryRun(wouldDo) {
      if (!ctx.isDryRun) return false;
      const now = await environment();
      ctx.logger.info(wouldDo(now));
      ctx.output('environmentId', now.id);
      ctx.output('status', now.status);
      return true;
    },
    settle: until => step.settle(environmentId, until),
  };
}
