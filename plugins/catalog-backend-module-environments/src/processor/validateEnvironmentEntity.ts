import {
  Entity,
  makeValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  ENVIRONMENT_API_VERSION,
  PAVED_ENVIRONMENT_ID_ANNOTATION,
  PAVED_SOURCE_ANNOTATION,
} from '@paved/plugin-environments-common';
import Ajv, { ErrorObject } from 'ajv';
import schema from '../schema/Environment.v1alpha1.schema.json';

/** What the processor needs to know of a configured environment class. */
export interface EnvironmentClassInfo {
  name: string;
  tier: string;
  lifecycle: string;
}

const validateSchema = new Ajv({ allErrors: true, verbose: true }).compile(
  schema,
);
const names = makeValidator();

/** `/spec/owner` → `spec.owner`. */
function field(path: string, property?: string): string {
  return [
    ...path.split('/').filter(Boolean),
    ...(property ? [property] : []),
  ].join('.');
}

function describe(error: ErrorObject): string {
  const { instancePath, keyword, params } = error;
  switch (keyword) {
    case 'required':
      return `${field(instancePath, params.missingProperty)}: is required`;
    case 'additionalProperties':
      return `${field(
        instancePath,
        params.additionalProperty,
      )}: is not a field of an Environment`;
    case 'enum':
      return `${field(instancePath)}: must be one of ${(
        params.allowedValues as string[]
      ).join(', ')}`;
    case 'type':
      return `${field(instancePath)}: must be a ${params.type}`;
    case 'minLength':
      return `${field(instancePath)}: must not be empty`;
    case 'pattern':
      return `${field(instancePath)}: must be ${
        error.parentSchema?.description ?? `like ${params.pattern}`
      }`;
    default:
      return `${field(instancePath)}: ${error.message}`;
  }
}

/**
 * Checks an entity ref field: it parses, its kind is one of `kinds` (the first is the
 * default for a bare name), and its name and namespace are ones the catalog accepts.
 */
function checkRef(
  path: string,
  value: string,
  kinds: string[],
  namespace: string,
  example: string,
): string | undefined {
  const problem = `${path}: "${value}" is not a ${kinds.join(
    ' or ',
  )} entity ref such as ${example}`;
  try {
    const ref = parseEntityRef(value, {
      defaultKind: kinds[0],
      defaultNamespace: namespace,
    });
    if (
      !kinds.includes(ref.kind.toLocaleLowerCase('en-US')) ||
      !names.isValidNamespace(ref.namespace) ||
      !names.isValidEntityName(ref.name)
    ) {
      return problem;
    }
    return undefined;
  } catch {
    return problem;
  }
}

function isDateTime(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
      value,
    ) && !Number.isNaN(Date.parse(value))
  );
}

/**
 * Everything wrong with an `Environment` entity, one `field: rule` line per problem, or
 * none. `classes` are the configured environment classes; without them the class is not
 * checked.
 */
export function validateEnvironmentEntity(
  entity: Entity,
  classes?: ReadonlyMap<string, EnvironmentClassInfo>,
): string[] {
  if (entity.apiVersion !== ENVIRONMENT_API_VERSION) {
    return [
      `apiVersion: an Environment must be ${ENVIRONMENT_API_VERSION}, not "${entity.apiVersion}"`,
    ];
  }
  if (!validateSchema(entity)) {
    return (validateSchema.errors ?? []).map(describe);
  }

  const problems: string[] = [];
  const spec = entity.spec as Record<string, any>;
  const namespace = entity.metadata.namespace ?? 'default';
  const owner = checkRef(
    'spec.owner',
    spec.owner,
    ['group', 'user'],
    namespace,
    'group:default/checkout-team',
  );
  if (owner) problems.push(owner);
  const of = checkRef(
    'spec.environmentOf',
    spec.environmentOf,
    ['component', 'system'],
    namespace,
    'component:default/checkout-api',
  );
  if (of) problems.push(of);

  if (spec.class !== undefined && classes) {
    const environmentClass = classes.get(spec.class);
    if (!environmentClass) {
      problems.push(
        `spec.class: there is no environment class named "${
          spec.class
        }"; the classes are ${
          [...classes.keys()].join(', ') || 'none'
        } (environments.classes)`,
      );
    } else {
      if (spec.tier !== environmentClass.tier) {
        problems.push(
          `spec.tier: the ${environmentClass.name} class is of tier ${environmentClass.tier}, not ${spec.tier}`,
        );
      }
      if (
        spec.lifecycle !== undefined &&
        spec.lifecycle !== environmentClass.lifecycle
      ) {
        problems.push(
          `spec.lifecycle: the ${environmentClass.name} class is ${environmentClass.lifecycle}, not ${spec.lifecycle}`,
        );
      }
    }
  }
  if (spec.expiresAt !== undefined && !isDateTime(spec.expiresAt)) {
    problems.push(
      `spec.expiresAt: "${spec.expiresAt}" is not an ISO 8601 date-time such as 2026-12-01T12:00:00Z`,
    );
  }
  const annotations = entity.metadata.annotations ?? {};
  if (
    annotations[PAVED_SOURCE_ANNOTATION] !== 'paved' &&
    annotations[PAVED_ENVIRONMENT_ID_ANNOTATION] !== undefined
  ) {
    problems.push(
      `metadata.annotations.${PAVED_ENVIRONMENT_ID_ANNOTATION}: only environments Paved provisioned carry it; remove it from a declared environment`,
    );
  }
  return problems;
}
