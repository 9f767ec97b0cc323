import {
  defineRoute,
  ERROR_RESPONSES,
} from '@paved/plugin-environments-common';
import { z } from 'zod';
import { caseInsensitivePattern } from './caseInsensitivePattern';
import { environmentsOpenApiDocument } from './environmentsDocument';
import { doc, lookup, resolve, validate } from './__testUtils__/documentChecks';
import {
  createOpenApiDocument,
  OpenApiDocumentOptions,
} from './openApiDocument';

const base = {
  info: { title: 't', version: '1' },
  servers: [],
  securitySchemes: { JWT: { type: 'http', scheme: 'bearer' } },
};

const thing = z.object({ id: z.string(), size: z.number().int().default(1) });

function documentOf(
  routes: OpenApiDocumentOptions['routes'],
  schemas: OpenApiDocumentOptions['schemas'] = {},
) {
  return createOpenApiDocument({ ...base, routes, schemas });
}

describe('the generated document', () => {
  it('is the one checked in, and is valid OpenAPI 3.1 whose every schema compiles', () => {
    // scripts/test checks the file byte for byte; this says why a difference matters.
    expect(doc).toEqual(environmentsOpenApiDocument());
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe('environments');

    for (const name of Object.keys(doc.components.schemas)) {
      expect(
        validate(['components', 'schemas', name], null, name),
      ).not.toContain(expect.stringContaining('no schema'));
    }
    // Every $ref points at something.
    const refs: string[] = [];
    (function walk(node: any) {
      if (node && typeof node === 'object') {
        if (typeof node.$ref === 'string') refs.push(node.$ref);
        Object.values(node).forEach(walk);
      }
    })(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      expect([ref, lookup(resolve(ref.slice(2).split('/')))]).toEqual([
        ref,
        expect.any(Object),
      ]);
    }
    const ids = Object.values<any>(doc.paths).flatMap(item =>
      ['get', 'post', 'delete']
        .filter(m => item[m])
        .map(m => item[m].operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spells case-insensitive patterns out, since JSON Schema patterns take no flags', () => {
    const zod =
      /^(component|system):([a-z0-9][-a-z0-9_.]*\/)?[a-z0-9][-a-z0-9_.]*$/i;
    const spelled = new RegExp(caseInsensitivePattern(zod.source), 'u');
    for (const ref of [
      'component:default/checkout-api',
      'Component:Checkout-API',
      'SYSTEM:Shop',
      'resource:default/db',
      'component:-bad',
      'group:x',
    ]) {
      expect([ref, spelled.test(ref)]).toEqual([ref, zod.test(ref)]);
    }
    expect(caseInsensitivePattern('^a\\d[b-c]$')).toBe('^[aA]\\d[b-cB-C]$');
  });

  it('writes requests as a caller writes them and answers as the server sends them', () => {
    const route = defineRoute({
      method: 'POST',
      path: '/things/{id}',
      operationId: 'PutThing',
      summary: 'Put a thing.',
      params: z.object({ id: z.string() }),
      query: z.object({
        tag: z.union([z.string(), z.array(z.string())]).optional(),
      }),
      headers: z.object({
        'X-Key': z.string().meta({ description: 'A key.' }),
      }),
      body: thing,
      responses: {
        200: { description: 'The thing.', schema: thing },
        404: ERROR_RESPONSES[404],
      },
    });
    const document = documentOf({ route });
    const item = document.paths['/things/{id}'];
    expect(item.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(item.post.parameters).toEqual([
      {
        name: 'tag',
        in: 'query',
        style: 'form',
        explode: true,
        schema: { type: 'array', items: { type: 'string' } },
      },
      {
        name: 'X-Key',
        in: 'header',
        required: true,
        description: 'A key.',
        schema: { type: 'string' },
      },
    ]);
    // A default makes a field optional to send and certain to come back.
    const sent = item.post.requestBody.content['application/json'].schema;
    const answered =
      item.post.responses['200'].content['application/json'].schema;
    expect([sent.required, answered.required]).toEqual([
      ['id'],
      ['id', 'size'],
    ]);
    expect(item.post.responses['404']).toEqual({
      $ref: '#/components/responses/NotFound',
    });
    expect(document.components.responses.NotFound.description).toBe(
      ERROR_RESPONSES[404].description,
    );
  });

  it('refuses a named schema no route uses, or one that reads differently each way', () => {
    const route = defineRoute({
      method: 'POST',
      path: '/things',
      operationId: 'PostThing',
      summary: 'Post a thing.',
      body: thing,
      responses: { 200: { description: 'The thing.', schema: thing } },
    });
    expect(() => documentOf({ route }, { Thing: thing })).toThrow(
      'Thing reads differently in requests and answers',
    );
    expect(() => documentOf({ route }, { Unused: z.string() })).toThrow(
      'no route uses Unused',
    );
  });
});
