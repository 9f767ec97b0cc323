import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApprovalRequest,
  Environment,
  EnvironmentsClient,
} from '@paved/plugin-environments-common';
import { sleep } from './sleep';

/** The request an environment waits on, or ended with: the newest of its requests. */
async function latestRequest(
  client: EnvironmentsClient,
  token: string,
  environment: Environment,
) {
  const [request] = await client.listRequests(
    { environmentId: environment.id },
    { token },
  );
  return request;
}

/** What the task log says while the environment waits: who must decide, and why. */
export async function describeWaiting(
  client: EnvironmentsClient,
  token: string,
  environment: Environment,
): Promise<string> {
  const request = await latestRequest(client, token, environment);
  if (!request) return `${environment.name} is waiting for approval`;
  return `${environment.name} is waiting for approval by ${
    request.approvers
  } (${request.reasons.join('; ')})`;
}

/** Why an environment that waited for approval ended without being provisioned. */
export async function describeEnded(
  client: EnvironmentsClient,
  token: string,
  environment: Environment,
): Promise<string> {
  const request = await latestRequest(client, token, environment);
  if (!request || request.state === 'approved') {
    return `Environment ${environment.name} was destroyed: ${
      environment.statusReason ?? 'see its operations'
    }`;
  }
  const by = request.decidedBy ? ` by ${request.decidedBy}` : '';
  return `The request for ${environment.name} was ${request.state}${by}${
    request.comment ? `: ${request.comment}` : ''
  }`;
}

/** How a request that did not end approved reads in the task log. */
function describeUnapproved(request: ApprovalRequest): string {
  const by = request.decidedBy ? ` by ${request.decidedBy}` : '';
  return `The request to ${request.operationType} ${request.environmentName} was ${
    request.state
  }${by}${request.comment ? `: ${request.comment}` : ''}`;
}

/**
 * Waits for the decision on a request that holds back an update (the environment stays
 * as it is meanwhile, so its status says nothing): returns once approved, fails with the
 * approver's comment otherwise. Bounded and cancellable like waiting for an environment.
 */
export async function waitForDecision(options: {
  client: EnvironmentsClient;
  token: string;
  environmentId: string;
  requestId: string;
  timeoutSeconds: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
  logger: LoggerService;
}): Promise<void> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let said = false;
  for (;;) {
    options.signal?.throwIfAborted();
    const request = (
      await options.client.listRequests(
        { environmentId: options.environmentId },
        { token: options.token },
      )
    ).find(r => r.id === options.requestId);
    if (!request) {
      throw new Error(`The request ${options.requestId} is not there any more`);
    }
    if (request.state === 'approved') return;
    if (request.state !== 'pending') throw new Error(describeUnapproved(request));
    if (!said) {
      options.logger.info(
        `The request to ${request.operationType} ${
          request.environmentName
        } is waiting for approval by ${request.approvers} (${request.reasons.join(
          '; ',
        )})`,
      );
      said = true;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The request to ${request.operationType} ${request.environmentName} was still waiting for approval by ${request.approvers} after ${options.timeoutSeconds} s; an approver can still decide it on the Requests page`,
      );
    }
    await sleep(options.pollIntervalMs, options.signal);
  }
}
