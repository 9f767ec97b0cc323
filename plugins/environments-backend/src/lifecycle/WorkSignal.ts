/**
 * Tells this process's operations engine that work was queued, so it need not wait for its
 * next poll. Other replicas find the work at their poll.
 */
export class WorkSignal {
  private wakeUp?: () => void;

  notify(): void {
    this.wakeUp?.();
  }

  /** Resolves after `ms`, or sooner when notified. */
  wait(ms: number): Promise<void> {
    return new Promise(resolve => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
