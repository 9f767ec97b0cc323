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
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wakeUp === done) self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
