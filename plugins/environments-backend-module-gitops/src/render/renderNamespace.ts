import { NamespaceSpec } from '../spec';
import { KUSTOMIZATION, renderKustomization } from './kustomization';
import { namespaceManifests } from './manifests';
import { NamespaceContext } from './NamespaceContext';
import { toYaml } from './toYaml';
import { validateManifests } from './validateManifests';

/**
 * A namespace's folder as it is committed: its path in the repository and its files by
 * name, in name order.
 * @public
 */
export interface RenderedNamespace {
  /** The folder, without a trailing slash: `clusters/dev/namespaces/pr-42-app`. */
  path: string;
  files: Record<string, string>;
}

/**
 * Renders the spec as plain YAML files and a kustomization.yaml listing them. Deterministic:
 * the same spec and context give byte-identical files. Throws an `InputError` naming the
 * file and field when a manifest would not pass the Kubernetes API's schema.
 *
 * @public
 */
export function renderNamespace(
  spec: NamespaceSpec,
  context: NamespaceContext,
  path: string,
): RenderedNamespace {
  const manifests = namespaceManifests(spec, context);
  validateManifests(manifests);
  const files: Record<string, string> = {};
  for (const name of Object.keys(manifests).sort()) {
    files[name] = toYaml(manifests[name]);
  }
  files[KUSTOMIZATION] = renderKustomization(Object.keys(manifests));
  return { path, files: sortedByName(files) };
}

function sortedByName(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
