import { z } from 'zod';

/** A PostgreSQL duration in one of its own units, as `statement_timeout` takes it. */
const PG_DURATION_PATTERN = /^([0-9]{1,10})(ms|s|min|h|d)?$/;
const PG_DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds of a PostgreSQL duration (`500ms`, `30s`, `5min`; a bare number is ms). */
export function pgDurationMs(value: string): number | undefined {
  const match = PG_DURATION_PATTERN.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * PG_DURATION_UNITS_MS[match[2] ?? 'ms'];
}

/** A baseline value that is a PostgreSQL duration. */
export const pgDuration = z
  .string()
  .refine(
    value => pgDurationMs(value) !== undefined,
    'must be a PostgreSQL duration such as 500ms, 30s, 5min or 1h',
  );
