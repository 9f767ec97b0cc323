import { ConflictError } from '@backstage/errors';
import {
  KUSTOMIZATION,
  updateParentKustomization,
} from '../render/kustomization';
import { ANNOTATIONS, LABELS } from '../render/labels';
import { MANIFEST_FILES } from '../render/manifests';
import { NamespaceContext } from '../render/NamespaceContext';
import { RenderedNamespace } from '../render/renderNamespace';
import { parseYaml } from '../render/toYaml';

/** A namespace's place in the repository. */
export interface NamespaceFolder {
  path: string;
  /** The folder whose kustomization.yaml lists the namespace ('' for the root). */
  parent: string;
  /** Its entry there: the folder's name. */
  entry: string;
}

export function parentKustomizationPath(folder: NamespaceFolder): string {
  return folder.parent ? `${folder.parent}/${KUSTOMIZATION}` : KUSTOMIZATION;
}

/** The files below a folder, by their name inside it. */
export function filesIn(
  files: Map<string, string>,
  folder: string,
): Map<string, string> {
  const prefix = `${folder}/`;
  const inside = new Map<string, string>();
  for (const [path, content] of files) {
    if (path.startsWith(prefix)) inside.set(path.slice(prefix.length), content);
  }
  return inside;
}

/**
 * Refuses to touch a folder whose Namespace belongs to another environment (two components
 * with environments of the same name would otherwise share one namespace).
 */
export function assertOurs(
  current: Map<string, string>,
  folder: NamespaceFolder,
  context: NamespaceContext,
): void {
  const owner = folderOwner(current.get(MANIFEST_FILES.Namespace));
  if (
    owner &&
    (owner.entity !== context.entityRef ||
      owner.environment !== context.environment)
  ) {
    throw new ConflictError(
      `namespace: ${context.namespace} in ${folder.path}/ already belongs to environment ${owner.environment} of ${owner.entity}; choose another environment or resource name`,
    );
  }
}

function folderOwner(namespaceYaml: string | undefined) {
  if (!namespaceYaml) return undefined;
  const parsed = parseYaml(namespaceYaml) as any;
  const entity = parsed?.metadata?.annotations?.[ANNOTATIONS.entity];
  const environment = parsed?.metadata?.labels?.[LABELS.environment];
  return typeof entity === 'string' && typeof environment === 'string'
    ? { entity, environment }
    : undefined;
}

/**
 * What to commit so the repository holds the rendering: changed and new files, files
 * nobody renders any more removed, and the parent kustomization listing the folder.
 */
export function applyChanges(
  files: Map<string, string>,
  folder: NamespaceFolder,
  rendered: RenderedNamespace,
): Record<string, string | null> {
  const current = filesIn(files, folder.path);
  const changes: Record<string, string | null> = {};
  for (const [name, content] of Object.entries(rendered.files)) {
    if (current.get(name) !== content)
      changes[`${folder.path}/${name}`] = content;
  }
  for (const name of current.keys()) {
    if (!(name in rendered.files)) changes[`${folder.path}/${name}`] = null;
  }
  const parentPath = parentKustomizationPath(folder);
  const parent = files.get(parentPath);
  const updated = updateParentKustomization(parent, folder.entry, 'add');
  if (updated !== parent) changes[parentPath] = updated;
  return changes;
}

/** What to commit to remove the namespace: its folder and its parent entry. */
export function destroyChanges(
  files: Map<string, string>,
  folder: NamespaceFolder,
): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const name of filesIn(files, folder.path).keys()) {
    changes[`${folder.path}/${name}`] = null;
  }
  const parentPath = parentKustomizationPath(folder);
  const parent = files.get(parentPath);
  if (parent !== undefined) {
    const updated = updateParentKustomization(parent, folder.entry, 'remove');
    if (updated !== parent) changes[parentPath] = updated;
  }
  return changes;
}
