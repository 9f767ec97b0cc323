const UNITS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `30m`, `4h`, `7d`: a whole number and one unit. @public */
export const DURATION_PATTERN = /^([1-9][0-9]{0,4})([mhd])$/;

/**
 * Parses a TTL such as `4h` into milliseconds, or returns undefined when it is not one.
 * @public
 */
export function parseDuration(value: string): number | undefined {
  const match = DURATION_PATTERN.exec(value);
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * UNITS[match[2]];
}

/** Renders milliseconds the way a TTL is written, in the largest whole unit. @public */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm']) {
    if (ms % UNITS[unit] === 0) {
      return `${ms / UNITS[unit]}${unit}`;
    }
  }
  return `${Math.ceil(ms / UNITS.m)}m`;
}
