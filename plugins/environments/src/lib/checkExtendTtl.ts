import { parseDuration } from '@paved/plugin-environments-common';
import { formatTimeLeft } from './format';

/**
 * Why a TTL typed into the extend dialog would be refused, or undefined when the
 * server would accept it: the same rules as `POST /environments/{id}/extend` (a
 * duration, at most the class's maximum, never earlier than it expires now), checked
 * in the form so nobody waits for a 400.
 */
export function checkExtendTtl(options: {
  ttl: string;
  /** The class's maximum, e.g. `7d`; unknown until the classes have loaded. */
  maxTtl?: string;
  expiresAt?: string;
  now: number;
}): string | undefined {
  const { ttl, maxTtl, expiresAt, now } = options;
  const ms = parseDuration(ttl.trim());
  if (ms === undefined) {
    return 'Use a whole number and one unit: 30m, 4h or 7d';
  }
  const maxMs = maxTtl === undefined ? undefined : parseDuration(maxTtl);
  if (maxMs !== undefined && ms > maxMs) {
    return `At most ${maxTtl}: the longest its class allows`;
  }
  if (expiresAt !== undefined && now + ms < Date.parse(expiresAt)) {
    return `It already has ${formatTimeLeft(
      Date.parse(expiresAt) - now,
    )} left; extending never shortens it`;
  }
  return undefined;
}
