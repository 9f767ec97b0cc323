import { GenerationalMemo } from './GenerationalMemo';

describe('GenerationalMemo', () => {
  it('computes a value once, keeps it while it is asked for, and lets it go when it is not', () => {
    const memo = new GenerationalMemo<string>();
    let computed = 0;
    const get = (key: string) =>
      memo.get(key, () => {
        computed += 1;
        return key.toUpperCase();
      });

    expect(get('a')).toBe('A');
    expect(get('a')).toBe('A');
    expect(computed).toBe(1);

    // Asked for in every generation: never computed again.
    memo.rotate();
    expect(get('a')).toBe('A');
    memo.rotate();
    expect(get('a')).toBe('A');
    expect(computed).toBe(1);

    // Not asked for during a whole generation: gone.
    memo.rotate();
    memo.rotate();
    expect(get('a')).toBe('A');
    expect(computed).toBe(2);
  });
});
