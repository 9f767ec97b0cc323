/**
 * How a diff changes one file.
 * @public
 */
export type FileChange = 'added' | 'changed' | 'removed';

/**
 * Each file a unified diff touches and how: a `/dev/null` on the old side is a new file,
 * on the new side a removed one. Shared by the scaffolder actions' logs and the form's
 * preview, so both list the same files.
 *
 * @public
 */
export function changedFiles(
  diff: string,
): Array<{ path: string; change: FileChange }> {
  const lines = diff.split('\n');
  const files: Array<{ path: string; change: FileChange }> = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i].startsWith('--- ') && lines[i + 1].startsWith('+++ ')) {
      const from = lines[i].slice(4).split('\t')[0];
      const to = lines[i + 1].slice(4).split('\t')[0];
      if (from === '/dev/null') {
        files.push({ path: to.replace(/^b\//, ''), change: 'added' });
      } else if (to === '/dev/null') {
        files.push({ path: from.replace(/^a\//, ''), change: 'removed' });
      } else {
        files.push({ path: to.replace(/^b\//, ''), change: 'changed' });
      }
      i += 1;
    }
  }
  return files;
}
