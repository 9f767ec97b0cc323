import { ResponseError } from '@backstage/errors';
import { ApiRoute, RouteInput, RouteOutput } from '../api/route';
import { EnvironmentsDiscovery, EnvironmentsFetch } from './EnvironmentsApi';

/** Where and how requests go. */
export interface Transport {
  discoveryApi: EnvironmentsDiscovery;
  fetchApi: EnvironmentsFetch;
}

/** The URL's path and query: path parameters encoded, query values repeated for arrays. */
function target(route: ApiRoute, input: Record<string, any>): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name) =>
    encodeURIComponent(input.params[name]),
  );
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {})) {
    if (value === undefined) continue;
    // Repeated, not comma-joined: entity refs are matched one by one.
    for (const item of ([] as unknown[]).concat(value)) {
      query.append(key, String(item));
    }
  }
  return query.size ? `${path}?${query}` : path;
}

/**
 * Sends one request of the route table and answers the response of a success. A non-2xx
 * answer throws a `ResponseError` whose message carries the server's.
 */
export async function fetchRoute<R extends ApiRoute>(
  transport: Transport,
  route: R,
  input: RouteInput<R>,
  token: string | undefined,
): Promise<Response> {
  const { params, query, headers, body } = input as Record<string, any>;
  const baseUrl = await transport.discoveryApi.getBaseUrl('environments');
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) sent[name] = String(value);
  }
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  if (token) sent.Authorization = `Bearer ${token}`;

  const response = await transport.fetchApi.fetch(
    `${baseUrl}${target(route, { params, query })}`,
    {
      method: route.method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
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
  return response;
}

/** Sends one request of the route table and answers its success body, as JSON. */
export async function sendRequest<R extends ApiRoute>(
  transport: Transport,
  route: R,
  input: RouteInput<R>,
  token: string | undefined,
): Promise<RouteOutput<R>> {
  const response = await fetchRoute(transport, route, input, token);
  return (await response.json()) as RouteOutput<R>;
}
