import {
  ApiRoute,
  ERROR_RESPONSES,
  environmentsApiRoutes,
} from '@paved/plugin-environments-common';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/*
 * Checks of requests and answers against the generated src/schema/openapi.yaml, by
 * JSON Schema alone: what a client that knows only the document would accept.
 */

export type Json = any; // the parsed document; its shape is checked by the validators below
export type RouteKey = keyof typeof environmentsApiRoutes;

const SPEC_ID = 'openapi.yaml';
export const doc: Json = parse(
  fs.readFileSync(path.resolve(__dirname, '..', SPEC_ID), 'utf8'),
);

// OpenAPI 3.1 schemas are JSON Schema 2020-12. Strict mode turns a misspelt keyword
// into an error instead of a schema that accepts everything.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
});
addFormats(ajv);
// The document's own fields are not schema keywords; schemas are reached by pointer.
ajv.addVocabulary([
  'openapi',
  'info',
  'servers',
  'security',
  'paths',
  'components',
]);
ajv.addSchema(doc, SPEC_ID);

export function lookup(at: string[]): Json {
  return at.reduce((node, key) => node?.[key], doc);
}

/** Follows a `$ref` (a parameter, a response) to where the object really is. */
export function resolve(at: string[]): string[] {
  const ref = lookup(at)?.$ref;
  return typeof ref === 'string' ? resolve(ref.slice(2).split('/')) : at;
}

export function validate(
  at: string[],
  value: unknown,
  label: string,
): string[] {
  const pointer = at
    .map(s => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');
  const check = ajv.getSchema(`${SPEC_ID}#/${pointer}`);
  if (!check) return [`${label}: no schema at /${pointer}`];
  if (check(value)) return [];
  return (check.errors ?? []).map(e => {
    const extra = e.params?.additionalProperty
      ? ` (${e.params.additionalProperty})`
      : '';
    return `${label}${e.instancePath} ${e.message}${extra}`;
  });
}

/** Every documented `METHOD /path STATUS`. */
export function documentedAnswers(): string[] {
  return Object.entries<Json>(doc.paths).flatMap(([template, item]) =>
    ['get', 'post', 'delete']
      .filter(method => item[method])
      .flatMap(method =>
        Object.keys(item[method].responses).map(
          status => `${method.toUpperCase()} ${template} ${status}`,
        ),
      ),
  );
}

const at = (route: ApiRoute) => [
  'paths',
  route.path,
  route.method.toLowerCase(),
];

/** Query strings and headers are text; the document types them. */
function coerce(value: string | string[], schema: Json): unknown {
  if (schema.type === 'array') return ([] as string[]).concat(value);
  if (Array.isArray(value)) return value;
  if (schema.type === 'integer' || schema.type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return value;
}

export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** The body as the document sees it. */
  body?: unknown;
  /** Sent as JSON text instead of `body`, for bodies JSON.stringify cannot make. */
  raw?: string;
}

/** What in this request the document does not allow. */
export function requestProblems(key: RouteKey, call: Call): string[] {
  const route: ApiRoute = environmentsApiRoutes[key];
  const problems: string[] = [];
  const parameters = [
    ...(doc.paths[route.path].parameters ?? []).map((_: Json, i: number) =>
      resolve(['paths', route.path, 'parameters', String(i)]),
    ),
    ...(lookup([...at(route), 'parameters']) ?? []).map((_: Json, i: number) =>
      resolve([...at(route), 'parameters', String(i)]),
    ),
  ];
  for (const where of parameters) {
    const { name, in: location, required, schema } = lookup(where);
    if (location === 'path') continue;
    const header = Object.keys(call.headers ?? {}).find(
      h => h.toLowerCase() === name.toLowerCase(),
    );
    const value =
      location === 'query'
        ? call.query?.[name]
        : header && call.headers![header];
    if (value === undefined) {
      if (required) problems.push(`${name}: required`);
      continue;
    }
    problems.push(
      ...validate([...where, 'schema'], coerce(value, schema), name),
    );
  }
  const documented = parameters.map(where => lookup(where).name);
  for (const name of Object.keys(call.query ?? {})) {
    if (!documented.includes(name))
      problems.push(`${name}: not a documented parameter`);
  }
  const body = [...at(route), 'requestBody'];
  if (lookup(body) && call.body !== undefined) {
    const schema = [...body, 'content', 'application/json', 'schema'];
    problems.push(...validate(schema, call.body, 'body'));
  } else if (lookup(body)?.required) {
    problems.push('body: required');
  }
  return problems;
}

/** What in this answer the document does not describe. */
export function responseProblems(
  key: RouteKey,
  status: number,
  body: unknown,
  headers: Record<string, string | undefined> = {},
): string[] {
  const route: ApiRoute = environmentsApiRoutes[key];
  const label = `${route.method} ${route.path} ${status}`;
  const documented = [...at(route), 'responses', String(status)];
  if (!lookup(documented)) {
    return [`${label}: the document does not list this status`];
  }
  const where = resolve(documented);
  // The media type the server said, without its parameters (`; charset=utf-8`).
  const type =
    headers['content-type']?.split(';')[0].trim() ?? 'application/json';
  if (!lookup([...where, 'content', type])) {
    return [`${label}: the document does not list ${type}`];
  }
  const content = [...where, 'content', type, 'schema'];
  const problems = validate(content, body, label);
  for (const name of Object.keys(lookup([...where, 'headers']) ?? {})) {
    const value = headers[name.toLowerCase()];
    problems.push(
      ...(value === undefined
        ? [`${label}: header ${name} missing`]
        : validate(
            [...where, 'headers', name, 'schema'],
            value,
            `${label} header ${name}`,
          )),
    );
  }
  if (status >= 400) {
    const error = body as {
      error?: { name?: string };
      response?: { statusCode?: number };
    };
    const names: readonly string[] =
      ERROR_RESPONSES[status as keyof typeof ERROR_RESPONSES]?.errorNames ?? [];
    if (error?.response?.statusCode !== status) {
      problems.push(
        `${label}: response.statusCode is ${error?.response?.statusCode}`,
      );
    }
    if (!names.includes(error?.error?.name ?? '')) {
      problems.push(
        `${label}: error.name is ${error?.error?.name}, not ${names}`,
      );
    }
  }
  return problems;
}
