import { JsonObject } from '@backstage/types';
import { createTwoFilesPatch } from 'diff';
import { NamespaceFolder } from './namespaceChanges';

/**
 * A dry run's answer: the files apply would commit and a unified diff against the
 * repository as it is, in path order.
 */
export function previewChanges(options: {
  repository: string;
  folder: NamespaceFolder;
  files: Map<string, string>;
  changes: Record<string, string | null>;
  namespace: string;
  cluster: string;
}): JsonObject {
  const { files, changes } = options;
  const paths = Object.keys(changes).sort();
  const diff = paths
    .map(path =>
      createTwoFilesPatch(
        files.has(path) ? `a/${path}` : '/dev/null',
        changes[path] === null ? '/dev/null' : `b/${path}`,
        files.get(path) ?? '',
        changes[path] ?? '',
        undefined,
        undefined,
        { context: 3 },
      ),
    )
    .join('');
  return {
    namespace: options.namespace,
    cluster: options.cluster,
    repository: options.repository,
    path: `${options.folder.path}/`,
    files: Object.fromEntries(
      paths
        .filter(p => changes[p] !== null)
        .map(p => [p, changes[p] as string]),
    ),
    diff,
  };
}
