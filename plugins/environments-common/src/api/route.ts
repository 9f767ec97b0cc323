import { z } from 'zod';

/** One answer of a route: its status's meaning, its body and any headers it sets. @public */
export interface ApiResponse {
  description: string;
  /** The JSON body, what the client reads. */
  schema: z.ZodType;
  /** The same answer in other media types, by type (`text/csv`), for whom asks for one. */
  otherContent?: Record<string, z.ZodType>;
  headers?: Record<string, z.ZodType>;
}

/**
 * An error answer: described once in the document (`components.responses`) under
 * `component`, and carrying one of `errorNames` in its body.
 * @public
 */
export interface ApiErrorResponse extends ApiResponse {
  component: string;
  errorNames: readonly string[];
}

/**
 * One route of the REST API: everything the router validates, the client sends and the
 * OpenAPI document says. Paths are written as in OpenAPI (`/environments/{id}`).
 * @public
 */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ApiResponse>;
}

/** Keeps a route's literal types, so callers see its exact schemas. @public */
export function defineRoute<const R extends ApiRoute>(route: R): R {
  return route;
}

/** The statuses a route answers with when it succeeds. @public */
export type SuccessStatus = 200 | 201 | 202;

/** The success statuses a route documents. @public */
export type Success<R extends ApiRoute> = Extract<
  keyof R['responses'],
  SuccessStatus
>;

/** What a route answers when it succeeds. @public */
export type RouteOutput<R extends ApiRoute> = {
  [S in Success<R>]: R['responses'][S] extends ApiResponse
    ? z.output<R['responses'][S]['schema']>
    : never;
}[Success<R>];

/**
 * What a caller sends on a route. Query values are sent as `String(value)`, so they are
 * typed as what the router reads back from them (`limit: 10`, `hasFindings: true`).
 * @public
 */
export type RouteInput<R extends ApiRoute> = (R extends {
  params: infer P extends z.ZodType;
}
  ? { params: z.input<P> }
  : unknown) &
  (R extends { query: infer Q extends z.ZodType }
    ? { query?: Partial<z.output<Q>> }
    : unknown) &
  (R extends { headers: infer H extends z.ZodType }
    ? { headers?: z.input<H> }
    : unknown) &
  (R extends { body: infer B extends z.ZodType }
    ? { body: z.input<B> }
    : unknown);
