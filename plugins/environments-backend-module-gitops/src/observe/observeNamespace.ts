import { ResourceObservation } from '@paved/plugin-environments-node';
import {
  NamespaceFolder,
  parentKustomizationPath,
} from '../delivery/namespaceChanges';
import { MANIFEST_FILES } from '../render/manifests';
import { RenderedNamespace } from '../render/renderNamespace';
import { compareFiles, FileDrift } from './compareFiles';
import { readObjects, summarize } from './readManifests';
import { RepositorySnapshot } from './RepositorySnapshot';

/**
 * One namespace as the repository has it: whether its folder is there, each file that
 * differs from the rendering of the desired spec (with its first differing line), whether
 * the parent kustomization still lists it, and what its manifests actually set.
 *
 * The observation holds nothing but what the folder's files say (not the commit read), so
 * it is the same from one commit to the next unless one of them changed, and the reconciler
 * writes only the resources a commit touched.
 */
export function observeNamespace(options: {
  resourceId: string;
  snapshot: RepositorySnapshot;
  folder: NamespaceFolder;
  rendered: RenderedNamespace;
  namespace: string;
}): ResourceObservation {
  const { snapshot, folder, rendered } = options;
  const actual = snapshot.filesIn(folder.path);
  const drift: FileDrift[] = compareFiles(folder.path, rendered.files, actual);
  const parentPath = parentKustomizationPath(folder);
  const parent = snapshot.files.get(parentPath);
  if (actual.size && !snapshot.entriesOf(parentPath).has(folder.entry)) {
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
      files: drift,
      ...summarize(readObjects(actual, text => snapshot.objectsOf(text))),
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
