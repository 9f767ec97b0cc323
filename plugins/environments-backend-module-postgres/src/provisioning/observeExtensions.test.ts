import { extensionWindow } from './observeExtensions';

/** The windows of consecutive calls, each starting after where the last one ended. */
function windows(databases: string[], size: number, calls: number) {
  const seen: string[][] = [];
  let after: string | undefined;
  for (let i = 0; i < calls; i++) {
    const window = extensionWindow(databases, after, size);
    seen.push(window);
    after = window.at(-1) ?? after;
  }
  return seen;
}

describe('extensionWindow', () => {
  it('reads every database within ceil(n / K) calls, K at a time, wrapping around', () => {
    const databases = ['e', 'c', 'a', 'g', 'b', 'f', 'd'];
    expect(windows(databases, 3, 4)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'a', 'b'],
      ['c', 'd', 'e'],
    ]);
    for (const size of [1, 2, 3, 5, 7, 20]) {
      const covered = new Set(
        windows(databases, size, Math.ceil(databases.length / size)).flat(),
      );
      expect(covered.size).toBe(databases.length);
    }
  });

  it('reads them all when they fit, and none when the window is 0 or there are none', () => {
    expect(extensionWindow(['b', 'a'], 'a', 20)).toEqual(['a', 'b']);
    expect(extensionWindow(['b', 'a'], undefined, 0)).toEqual([]);
    expect(extensionWindow([], 'a', 20)).toEqual([]);
  });

  it('carries on after the last database read even when it is gone or new ones came', () => {
    // "c" was read last and has been dropped since; "bb" is new and comes round later.
    expect(extensionWindow(['a', 'b', 'bb', 'd', 'e', 'f'], 'c', 2)).toEqual([
      'd',
      'e',
    ]);
    expect(extensionWindow(['a', 'b', 'bb', 'd', 'e', 'f'], 'e', 2)).toEqual([
      'f',
      'a',
    ]);
  });
});
