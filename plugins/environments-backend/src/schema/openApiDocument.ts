import type { ApiRoute } from '@paved/plugin-environments-common';
import { z } from 'zod';
import { caseInsensitivePattern } from './caseInsensitivePattern';

type Json = Record<string, any>;
type Io = 'input' | 'output';

/** What the document says besides its routes. */
export interface OpenApiDocumentOptions {
  info: Json;
  servers: Json[];
  securitySchemes: Json;
  routes: Record<string, ApiRoute>;
  /** Schemas that get a name under `components.schemas` and are referred to by it. */
  schemas: Record<string, z.ZodType>;
}

const REF = '#/components/schemas/';

/** The regexes of a zod string's `.regex()` checks. */
function regexesOf(zodSchema: any): RegExp[] {
  return (zodSchema._zod.def.checks ?? [])
    .map((check: any) => check._zod.def)
    .filter((def: any) => def.format === 'regex')
    .map((def: any) => def.pattern);
}

/** Makes zod's JSON Schema read as a person would write it, and say what zod checks. */
function tidy({ zodSchema, jsonSchema }: { zodSchema: any; jsonSchema: Json }) {
  const regexes = regexesOf(zodSchema);
  // JSON Schema patterns take no flags.
  if (regexes.length === 1 && regexes[0].flags.includes('i')) {
    jsonSchema.pattern = caseInsensitivePattern(regexes[0].source);
  }
  // zod spells these out; they say nothing a reader needs.
  if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
  for (const bound of ['minimum', 'maximum']) {
    if (Math.abs(jsonSchema[bound]) === Number.MAX_SAFE_INTEGER) {
      delete jsonSchema[bound];
    }
  }
  if (jsonSchema.propertyNames?.type === 'string') {
    if (Object.keys(jsonSchema.propertyNames).length === 1) {
      delete jsonSchema.propertyNames;
    }
  }
  const extra = jsonSchema.additionalProperties;
  if (extra && typeof extra === 'object' && !Object.keys(extra).length) {
    delete jsonSchema.additionalProperties;
  }
}

/**
 * Turns every schema of the routes into JSON Schema, in the direction it travels
 * (requests as a caller writes them, answers as the server sends them). Named schemas
 * become `$ref`s; each of the others is inlined where it is used.
 */
function convert(options: OpenApiDocumentOptions, io: Io, pieces: z.ZodType[]) {
  const registry = z.registry<{ id: string }>();
  const names = new Map<z.ZodType, string>();
  for (const [name, schema] of Object.entries(options.schemas)) {
    registry.add(schema, { id: name });
    names.set(schema, name);
  }
  pieces.forEach((schema, i) => {
    if (!names.has(schema)) {
      registry.add(schema, { id: `~${i}` });
      names.set(schema, `~${i}`);
    }
  });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    uri: id => `${REF}${id}`,
    override: tidy,
  });
  for (const json of Object.values(schemas)) {
    delete json.$schema;
    delete json.$id;
  }
  const json = (schema: z.ZodType): Json => {
    const name = names.get(schema)!;
    return name.startsWith('~') ? schemas[name] : { $ref: `${REF}${name}` };
  };
  return { json, schemas };
}

/** The names a piece of JSON refers to, and those they refer to in turn. */
function referenced(roots: Json[], schemas: Record<string, Json>): Set<string> {
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string' && !seen.has(ref.slice(REF.length))) {
      seen.add(ref.slice(REF.length));
      walk(schemas[ref.slice(REF.length)]);
    }
    Object.values(node).forEach(walk);
  };
  roots.forEach(walk);
  return seen;
}

/** Query, header and path parameters: one per property of their object schema. */
function parameters(
  location: 'path' | 'query' | 'header',
  object: Json,
): Json[] {
  if (object.$ref)
    throw new Error(`${location} parameters cannot be a named schema`);
  return Object.entries<Json>(object.properties ?? {}).map(
    ([name, property]) => {
      const { description, ...schema } = property;
      const items = schema.anyOf?.find((s: Json) => s.type === 'array')?.items;
      // One value or the parameter repeated: OpenAPI says that as an exploded array.
      const repeatable = items && schema.anyOf.length === 2;
      return {
        name,
        in: location,
        ...(location === 'path' || object.required?.includes(name)
          ? { required: true }
          : {}),
        ...(description ? { description } : {}),
        ...(repeatable ? { style: 'form', explode: true } : {}),
        schema: repeatable ? { type: 'array', items } : schema,
      };
    },
  );
}

/** The OpenAPI 3.1 document of a route table. */
export function createOpenApiDocument(options: OpenApiDocumentOptions): Json {
  const routes = Object.values(options.routes);
  const requestPieces = routes.flatMap(r =>
    [r.params, r.query, r.headers, r.body].filter(Boolean),
  ) as z.ZodType[];
  const answers = routes.flatMap(r => Object.values(r.responses));
  const answerPieces = answers.flatMap(a => [
    a.schema,
    ...Object.values(a.otherContent ?? {}),
    ...Object.values(a.headers ?? {}),
  ]);
  const requests = convert(options, 'input', requestPieces);
  const responses = convert(options, 'output', answerPieces);

  const paths: Json = {};
  const errorResponses: Json = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (route.params) {
      const shared = parameters('path', requests.json(route.params));
      if (
        item.parameters &&
        JSON.stringify(item.parameters) !== JSON.stringify(shared)
      ) {
        throw new Error(
          `the routes of ${route.path} disagree on its path parameters`,
        );
      }
      item.parameters = shared;
    }
    const own = [
      ...(route.query ? parameters('query', requests.json(route.query)) : []),
      ...(route.headers
        ? parameters('header', requests.json(route.headers))
        : []),
    ];
    const content = (schema: z.ZodType, side: typeof requests) => ({
      'application/json': { schema: side.json(schema) },
    });
    const answered: Json = {};
    for (const [status, answer] of Object.entries(route.responses)) {
      const described = {
        description: answer.description,
        ...(answer.headers && {
          headers: Object.fromEntries(
            Object.entries(answer.headers).map(([name, schema]) => [
              name,
              { schema: responses.json(schema) },
            ]),
          ),
        }),
        content: {
          ...content(answer.schema, responses),
          ...Object.fromEntries(
            Object.entries(answer.otherContent ?? {}).map(([type, schema]) => [
              type,
              { schema: responses.json(schema) },
            ]),
          ),
        },
      };
      const component = (answer as { component?: string }).component;
      if (component) errorResponses[component] = described;
      answered[status] = component
        ? { $ref: `#/components/responses/${component}` }
        : described;
    }
    item[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description && { description: route.description }),
      ...(own.length && { parameters: own }),
      ...(route.body && {
        requestBody: { required: true, content: content(route.body, requests) },
      }),
      responses: answered,
    };
  }

  return {
    openapi: '3.1.0',
    info: options.info,
    servers: options.servers,
    security: Object.keys(options.securitySchemes).map(name => ({
      [name]: [],
    })),
    paths,
    components: {
      securitySchemes: options.securitySchemes,
      responses: errorResponses,
      schemas: namedSchemas(options, [
        { side: requests, pieces: requestPieces },
        { side: responses, pieces: answerPieces },
      ]),
    },
  };
}

/**
 * Each named schema, as requests or answers use it. One that both use must read the same
 * both ways (a default or a transform makes it differ: give each side its own name).
 */
function namedSchemas(
  options: OpenApiDocumentOptions,
  sides: Array<{ side: ReturnType<typeof convert>; pieces: z.ZodType[] }>,
): Json {
  const named: Json = {};
  for (const { side, pieces } of sides) {
    for (const name of referenced(pieces.map(side.json), side.schemas)) {
      const json = side.schemas[name];
      if (named[name] && JSON.stringify(named[name]) !== JSON.stringify(json)) {
        throw new Error(`${name} reads differently in requests and answers`);
      }
      named[name] = json;
    }
  }
  const unused = Object.keys(options.schemas).filter(name => !named[name]);
  if (unused.length) throw new Error(`no route uses ${unused.join(', ')}`);
  // In the order they were named, not the order they were found.
  return Object.fromEntries(
    Object.keys(options.schemas).map(name => [name, named[name]]),
  );
}
