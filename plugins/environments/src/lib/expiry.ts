/**
 * How soon an expiry counts as close: the preview class warns two hours before
 * (`environments.classes[].ttl.warnBefore`), and the card does the same without a
 * second request for the class.
 */
export const EXPIRING_SOON_MS = 2 * 60 * 60 * 1000;

/** Milliseconds until it expires, or undefined when it does not expire. */
export function timeLeft(expiresAt: string | undefined, now: number) {
  return expiresAt === undefined ? undefined : Date.parse(expiresAt) - now;
}
