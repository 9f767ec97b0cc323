import { JsonObject } from '@backstage/types';

/** A file of a namespace's folder that is not as Paved rendered it. */
export interface FileDrift extends JsonObject {
  /** Its path in the repository. */
  path: string;
  change: 'edited' | 'deleted' | 'added';
  /** The first line that differs (1 for a deleted or added file). */
  line: number;
}

/**
 * An extend moves the expiry without a commit, so the expiry labels of a file committed
 * before it are not a hand edit: they compare equal whatever their value.
 */
const EXPIRY_LINE = /^(\s*paved\.dev\/expires(?:-at)?:).*$/;

function comparable(line: string): string {
  return line.replace(EXPIRY_LINE, '$1');
}

/** The first line (from 1) where the two texts differ; undefined when they do not. */
export function firstDifferentLine(
  expected: string,
  actual: string,
): number | undefined {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (
      comparable(a[i] ?? '') !== comparable(b[i] ?? '') ||
      (a[i] === undefined) !== (b[i] === undefined)
    )
      return i + 1;
  }
  return undefined;
}

/** The folder's files against the rendering, by file name inside the folder. */
export function compareFiles(
  folder: string,
  rendered: Record<string, string>,
  actual: ReadonlyMap<string, string>,
): FileDrift[] {
  const drift: FileDrift[] = [];
  const names = [
    ...new Set([...Object.keys(rendered), ...actual.keys()]),
  ].sort();
  for (const name of names) {
    const path = `${folder}/${name}`;
    const expected = rendered[name];
    const found = actual.get(name);
    if (expected === undefined) drift.push({ path, change: 'added', line: 1 });
    else if (found === undefined)
      drift.push({ path, change: 'deleted', line: 1 });
    else if (found !== expected) {
      const line = firstDifferentLine(expected, found);
      if (line) drift.push({ path, change: 'edited', line });
    }
  }
  return drift;
}
