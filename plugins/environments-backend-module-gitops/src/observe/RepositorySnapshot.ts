import { GenerationalMemo } from '../GenerationalMemo';
import { kustomizationEntries } from '../render/kustomization';
import { parseObjects } from './readManifests';

/**
 * A target's files at one commit, grouped once by namespace folder (the folders directly
 * below the namespaces' root), so that observing N namespaces is N lookups rather than N
 * scans of every file. What is read out of a file's text is asked of `parsed`, which the
 * target keeps across commits: a commit that edits one namespace re-parses only its files.
 */
export class RepositorySnapshot {
  private readonly folders = new Map<string, Map<string, string>>();
  private readonly entries = new Map<string, Set<string>>();

  constructor(
    /** The branch's head; undefined while the branch has no commit. */
    readonly head: string | undefined,
    /** Every file below the namespaces' root, by path. */
    readonly files: Map<string, string>,
    root: string,
    private readonly parsed: GenerationalMemo<unknown[]>,
  ) {
    const prefix = root ? `${root}/` : '';
    for (const [path, content] of files) {
      if (!path.startsWith(prefix)) continue;
      const cut = path.indexOf('/', prefix.length);
      // A file of the root itself, such as the parent kustomization.
      if (cut < 0) continue;
      const folder = path.slice(0, cut);
      let inside = this.folders.get(folder);
      if (!inside) {
        inside = new Map();
        this.folders.set(folder, inside);
      }
      inside.set(path.slice(cut + 1), content);
    }
  }

  /** The files below a namespace's folder, by their name inside it. */
  filesIn(folder: string): ReadonlyMap<string, string> {
    return this.folders.get(folder) ?? new Map();
  }

  /** The entries of the kustomization at `path`, read once per commit; none if it is not one. */
  entriesOf(path: string): ReadonlySet<string> {
    let entries = this.entries.get(path);
    if (!entries) {
      const text = this.files.get(path);
      entries = new Set(
        text === undefined ? [] : kustomizationEntries(text) ?? [],
      );
      this.entries.set(path, entries);
    }
    return entries;
  }

  /** The objects of a YAML file, parsed once for each text (they are shared: read only). */
  objectsOf(text: string): unknown[] {
    return this.parsed.get(text, () => parseObjects(text));
  }
}
