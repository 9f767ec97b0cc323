import {
  Environment,
  EnvironmentsClient,
} from '@paved/plugin-environments-common';

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
