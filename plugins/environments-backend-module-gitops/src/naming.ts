import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { ProvisionedResource } from '@paved/plugin-environments-node';
import { refName } from './render/labels';
import { DNS_LABEL } from './spec';

/** Where namespaces go unless a target says otherwise. */
export const DEFAULT_PATH_TEMPLATE =
  'clusters/{cluster}/namespaces/{namespace}';

/** Room for the readable part when a name is shortened: 56 + "-" + 6 hex = 63. */
const SHORTENED_PREFIX = 56;

/**
 * A resource's namespace: the spec's `namespace` when it sets one, else
 * `<component>-<environment>-<resource>` (the component being the name of the entity the
 * environment belongs to), so that `dev` of two components never share one. A name that is
 * not a DNS label as it is (too long, or an entity name with `_`, `.` or capitals) is
 * lowercased, cut to 56 characters and ended with 6 hex characters of the SHA-256 of the
 * full name: deterministic, and still unique. A real clash is refused at apply
 * (`assertOurs`).
 */
export function namespaceName(
  resource: Pick<ProvisionedResource, 'entityRef' | 'environmentName' | 'name'>,
  explicit?: string,
): string {
  if (explicit) return explicit;
  const full = `${refName(resource.entityRef)}-${resource.environmentName}-${
    resource.name
  }`;
  if (DNS_LABEL.test(full)) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 6);
  const prefix = full
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, SHORTENED_PREFIX)
    .replace(/^-+|-+$/g, '');
  return `${prefix}-${hash}`;
}

/** Checks a path template: relative, and ending in the namespace's own folder. */
export function validatePathTemplate(template: string, key: string): string {
  const trimmed = template.replace(/\/+$/, '');
  const parts = trimmed.split('/');
  if (
    trimmed.startsWith('/') ||
    parts.some(p => p === '' || p === '.' || p === '..') ||
    parts[parts.length - 1] !== '{namespace}' ||
    parts.slice(0, -1).some(p => p.includes('{namespace}'))
  ) {
    throw new InputError(
      `${key} must be a relative path ending in /{namespace}, e.g. ${DEFAULT_PATH_TEMPLATE}`,
    );
  }
  return trimmed;
}

/** The namespace's folder, its parent (whose kustomization lists it) and its entry there. */
export function namespaceFolder(
  template: string,
  values: { cluster: string; namespace: string },
): { path: string; parent: string; entry: string } {
  const path = template
    .replaceAll('{cluster}', values.cluster)
    .replaceAll('{namespace}', values.namespace);
  const cut = path.lastIndexOf('/');
  return {
    path,
    parent: cut < 0 ? '' : path.slice(0, cut),
    entry: values.namespace,
  };
}
