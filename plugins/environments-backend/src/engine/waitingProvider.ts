import { PendingProviderError } from '@paved/plugin-environments-node';

/** A provider's "not done yet, ask again later" (see `PendingProviderError`). */
export function isPending(error: unknown): error is PendingProviderError {
  return (error as Error | undefined)?.name === 'PendingProviderError';
}

/**
 * Runs a provider call and, when it answers that it waits, records what it shows meanwhile
 * (the pull request's link) before passing the answer on to be queued again.
 */
export async function recordingWhilePending<T>(
  call: () => Promise<T>,
  record: (outputs: object) => Promise<void>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isPending(error) && error.outputs) await record(error.outputs);
    throw error;
  }
}

/**
 * When to try an operation again after a provider's error, or undefined to fail it: a
 * transient failure with backoff for a limited number of attempts, a wait (a pull request
 * in review) when its provider says, since the provider bounds the wait, not the attempts.
 */
export function nextAttemptAt(
  error: Error,
  attempts: number,
  limits: { maxAttempts: number; backoffMs: (attempt: number) => number },
): Date | undefined {
  if (isPending(error)) return new Date(Date.now() + error.checkAfterMs);
  if (error.name !== 'TransientProviderError') return undefined;
  if (attempts >= limits.maxAttempts) return undefined;
  return new Date(Date.now() + limits.backoffMs(attempts));
}
