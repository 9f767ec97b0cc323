import type { z as zod3 } from 'zod/v3';

/** The part of JSON Schema that `z.toJSONSchema` writes for the API's schemas. */
export interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  $ref?: string;
}

type Zod3 = typeof zod3;

/**
 * The actions registry takes zod v3 schemas and shows them to assistants as JSON Schema;
 * the API is written once in zod v4 (@paved/plugin-environments-common). This rebuilds a
 * v4 schema's JSON Schema in the registry's v3, so both say the same thing. Only what
 * JSON Schema carries survives (types, rules, descriptions, defaults), which is all the
 * registry shows; the v4 schema stays the one that validates.
 */
export function zod3FromJsonSchema(
  z: Zod3,
  node: JsonSchemaNode,
): zod3.ZodTypeAny {
  const schema = described(z, node);
  return node.description ? schema.describe(node.description) : schema;
}

function described(z: Zod3, node: JsonSchemaNode): zod3.ZodTypeAny {
  if (node.$ref) {
    // The API's schemas are inlined (`reused: 'inline'`); a reference means one is not.
    throw new Error(`Cannot describe a schema with a $ref (${node.$ref})`);
  }
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) return union(z, alternatives);
  if (Array.isArray(node.type)) {
    return union(
      z,
      node.type.map(type => ({ ...node, type, description: undefined })),
    );
  }
  if (node.enum) return literals(z, node.enum);
  if (node.const !== undefined) return z.literal(node.const as any);
  switch (node.type) {
    case 'string':
      return string(z, node);
    case 'integer':
    case 'number':
      return number(z, node);
    case 'boolean':
      return z.boolean();
    case 'null':
      return z.null();
    case 'array':
      return array(z, node);
    case 'object':
      return object(z, node);
    default:
      return z.unknown();
  }
}

function union(z: Zod3, nodes: JsonSchemaNode[]): zod3.ZodTypeAny {
  const [first, second, ...rest] = nodes.map(n => zod3FromJsonSchema(z, n));
  return second ? z.union([first, second, ...rest]) : first;
}

function literals(z: Zod3, values: unknown[]): zod3.ZodTypeAny {
  if (values.every(v => typeof v === 'string') && values.length > 0) {
    return z.enum(values as [string, ...string[]]);
  }
  return union(
    z,
    values.map(value => ({ const: value })),
  );
}

function string(z: Zod3, node: JsonSchemaNode): zod3.ZodTypeAny {
  let schema = z.string();
  if (node.minLength !== undefined) schema = schema.min(node.minLength);
  if (node.maxLength !== undefined) schema = schema.max(node.maxLength);
  if (node.format === 'date-time') return schema.datetime({ offset: true });
  if (node.pattern) schema = schema.regex(new RegExp(node.pattern));
  return schema;
}

function number(z: Zod3, node: JsonSchemaNode): zod3.ZodTypeAny {
  let schema = z.number();
  if (node.type === 'integer') schema = schema.int();
  if (node.minimum !== undefined) schema = schema.min(node.minimum);
  if (node.maximum !== undefined) schema = schema.max(node.maximum);
  return schema;
}

function array(z: Zod3, node: JsonSchemaNode): zod3.ZodTypeAny {
  let schema = z.array(
    node.items ? zod3FromJsonSchema(z, node.items) : z.unknown(),
  );
  if (node.minItems !== undefined) schema = schema.min(node.minItems);
  if (node.maxItems !== undefined) schema = schema.max(node.maxItems);
  return schema;
}

function object(z: Zod3, node: JsonSchemaNode): zod3.ZodTypeAny {
  const extra = node.additionalProperties;
  if (!node.properties) {
    return z.record(
      typeof extra === 'object' ? zod3FromJsonSchema(z, extra) : z.unknown(),
    );
  }
  const required = new Set(node.required ?? []);
  const shape = Object.fromEntries(
    Object.entries(node.properties).map(([key, property]) => {
      const schema = zod3FromJsonSchema(z, property);
      if (property.default !== undefined) {
        return [key, schema.default(property.default)];
      }
      return [key, required.has(key) ? schema : schema.optional()];
    }),
  );
  const schema = z.object(shape);
  if (extra === false) return schema.strict();
  if (typeof extra === 'object') {
    return schema.catchall(zod3FromJsonSchema(z, extra));
  }
  return schema.passthrough();
}
