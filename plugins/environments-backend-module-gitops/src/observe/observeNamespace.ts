import { ResourceObservation } from '@paved/plugin-environments-node';
import {
  filesIn,
  NamespaceFolder,
  parentKustomizationPath,
} from '../delivery/namespaceChanges';
import { kustomizationEntries } from '../render/kustomization';
import { MANIFEST_FILES } from '../render/manifests';
import { RenderedNamespace } from '../render/renderNamespace';
import { compareFiles, FileDrift } from './compareFiles';
import { readObjects, summarize } from './readManifests';

/**
 * One namespace as the repository has it: whether its folder is there, each file that
 * differs from the rendering of the desired spec (with its first differing line), whether
 * the parent kustomization still lists it, and what its manifests actually set.
 */
export function observeNamespace(options: {
  resourceId: string;
  head?: string;
  files: Map<string, string>;
  folder: NamespaceFolder;
  rendered: RenderedNamespace;
  namespace: string;
}): ResourceObservation {
  const { files, folder, rendered } = options;
  const actual = filesIn(files, folder.path);
  const drift: FileDrift[] = compareFiles(folder.path, rendered.files, actual);
  const parentPath = parentKustomizationPath(folder);
  const parent = files.get(parentPath);
  const entries =
    parent === undefined ? [] : kustomizationEntries(parent) ?? [];
  if (actual.size && !entries.includes(folder.entry)) {
    drift.push({
      path: parentPath,
      change: parent === undefined ? 'deleted' : 'edited',
      line: lineOfResources(parent),
    });
  }
  return {
    resourceId: options.resourceId,
    exists: actual.has(MANIFEST_FILES.Namespace),
    observed: {
      namespace: options.namespace,
      ...(options.head && { commit: options.head }),
      files: drift,
      ...summarize(readObjects(actual)),
    },
  };
}

/** Where the entry is missing: the `resources:` line, or the end of the file. */
function lineOfResources(text: string | undefined): number {
  if (text === undefined) return 1;
  const lines = text.split('\n');
  const index = lines.findIndex(l => /^resources:/.test(l));
  return index >= 0 ? index + 1 : lines.length;
}
