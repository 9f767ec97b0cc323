/**
 * Values computed from a key, kept for as long as they are still asked for: `rotate()` starts
 * a new generation, and what the one before it computed survives only if it is asked for
 * again before the next rotation. The target rotates on every new commit it reads, so a
 * memo holds at most what the last two reconciler passes used, however long the process
 * runs and however many namespaces come and go.
 */
export class GenerationalMemo<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  get(key: string, compute: () => V): V {
    let value = this.current.get(key);
    if (value !== undefined) return value;
    value = this.previous.get(key) ?? compute();
    this.current.set(key, value);
    return value;
  }

  rotate(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
