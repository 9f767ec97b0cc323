import {
  CreateEnvironmentRequest,
  ResourceRequest,
} from '@paved/plugin-environments-common';
import { fillFromForm } from './fillFromForm';

/** Where in the form each part of the request is (EnvironmentChangesPreview's ui:options). */
export interface PlanFormOptions {
  entityField?: string;
  environmentField?: string;
  nameField?: string;
  classField?: string;
  class?: string;
  ownerField?: string;
  ttlField?: string;
  resourcesField?: string;
  resources?: Array<{
    type: string;
    name: string;
    spec?: Record<string, unknown>;
  }>;
  showIfField?: string;
}

/** What to ask the plan API, or which fields the form still lacks. */
export type PlanRequest =
  | {
      kind: 'add';
      entityRef: string;
      environmentName: string;
      resources: ResourceRequest[];
    }
  | { kind: 'create'; request: CreateEnvironmentRequest }
  | { kind: 'missing'; fields: string[] }
  | { kind: 'off' };

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The request the template's steps will make, from the form's values and the options. */
export function planFromForm(
  options: PlanFormOptions = {},
  formData: Record<string, unknown> = {},
): PlanRequest {
  if (options.showIfField && !formData[options.showIfField]) {
    return { kind: 'off' };
  }
  const entityField = options.entityField ?? 'component';
  const entityRef = text(formData[entityField]);
  const resources = (
    (options.resourcesField
      ? formData[options.resourcesField]
      : fillFromForm(options.resources ?? [], formData)) as
      | ResourceRequest[]
      | undefined
  )?.map(r => ({ ...r, spec: r.spec ?? {} }));
  const missing: string[] = [];
  if (!entityRef) missing.push(entityField);
  if (resources?.some(r => !r.name)) missing.push('the resource name');

  if (options.environmentField) {
    const environmentName = text(formData[options.environmentField]);
    if (!environmentName) missing.push(options.environmentField);
    if (missing.length) return { kind: 'missing', fields: missing };
    return {
      kind: 'add',
      entityRef: entityRef!,
      environmentName: environmentName!,
      resources: resources ?? [],
    };
  }
  const nameField = options.nameField ?? 'name';
  const ownerField = options.ownerField ?? 'owner';
  const name = text(formData[nameField]);
  const owner = text(formData[ownerField]);
  const environmentClass =
    options.class ??
    (options.classField ? text(formData[options.classField]) : undefined);
  const ttl = options.ttlField ? text(formData[options.ttlField]) : undefined;
  if (!name) missing.push(nameField);
  if (!owner) missing.push(ownerField);
  if (!environmentClass) missing.push(options.classField ?? 'class');
  if (missing.length) return { kind: 'missing', fields: missing };
  return {
    kind: 'create',
    request: {
      name: name!,
      class: environmentClass!,
      owner: owner!,
      entityRef: entityRef!,
      ...(ttl && { ttl }),
      resources: resources ?? [],
    },
  };
}
