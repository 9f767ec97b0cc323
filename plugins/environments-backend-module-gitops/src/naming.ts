import { InputError } from '@backstage/errors';
import { ProvisionedResource } from '@paved/plugin-environments-node';
import { DNS_LABEL } from './spec';

/** Where namespaces go unless a target says otherwise. */
export const DEFAULT_PATH_TEMPLATE =
  'clusters/{cluster}/namespaces/{namespace}';

/**
 * A resource's namespace: `<environment>-<resource>`, what a developer types after
 * `kubectl -n`. Two environments of the same name (of two components) would get the same
 * one; the second is refused when it is applied (see `ownerOfFolder`).
 */
export function namespaceName(
  resource: Pick<ProvisionedResource, 'environmentName' | 'name'>,
): string {
  const name = `${resource.environmentName}-${resource.name}`;
  if (!DNS_LABEL.test(name)) {
    throw new InputError(
      `namespace: "${name}" (the environment's name, a hyphen and the resource's name) must be a DNS label of at most 63 lowercase letters, digits and hyphens`,
    );
  }
  return name;
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
