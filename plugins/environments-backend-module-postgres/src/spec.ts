import { InputError } from '@backstage/errors';
import { describeIssues } from '@paved/plugin-environments-common';
import { z } from 'zod';

const TIMEOUT_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  min: 60_000,
  h: 3_600_000,
};

/**
 * A PostgreSQL duration in one of its own units. An allow-list, since the value ends up in
 * `ALTER DATABASE … SET statement_timeout`.
 */
const STATEMENT_TIMEOUT_PATTERN = /^([1-9][0-9]{0,9})(ms|s|min|h)$/;

/** PostgreSQL keeps statement_timeout in milliseconds, as a 32-bit integer. */
const MAX_STATEMENT_TIMEOUT_MS = 2_147_483_647;

/**
 * The spec of a `postgres-database` resource.
 * @public
 */
export const postgresSpecSchema = z.strictObject(
  {
    connectionLimit: z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000')
      .default(10),
    statementTimeout: z
      .string({ error: 'must be a duration such as 500ms, 30s, 5min or 1h' })
      .regex(
        STATEMENT_TIMEOUT_PATTERN,
        'must be a duration such as 500ms, 30s, 5min or 1h',
      )
      .refine(
        // NaN (not a duration at all) is the pattern's to report.
        value => !(statementTimeoutMs(value) > MAX_STATEMENT_TIMEOUT_MS),
        `must be at most ${MAX_STATEMENT_TIMEOUT_MS}ms (about 24 days)`,
      )
      .default('30s'),
  },
  {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `unknown setting ${issue.keys
            .map(key => JSON.stringify(key))
            .join(', ')} (allowed: connectionLimit, statementTimeout)`
        : 'must be an object',
  },
);

/**
 * A validated spec with its defaults filled in.
 * @public
 */
export type PostgresSpec = z.output<typeof postgresSpecSchema>;

/** Milliseconds of a duration that matched the pattern. */
function statementTimeoutMs(value: string): number {
  const match = STATEMENT_TIMEOUT_PATTERN.exec(value);
  return match ? Number(match[1]) * TIMEOUT_UNITS_MS[match[2]] : NaN;
}

/**
 * Checks a requested spec and fills in defaults; the `InputError` names each wrong field as
 * `spec.<field>: <rule>`.
 *
 * @public
 */
export function validatePostgresSpec(spec: unknown): PostgresSpec {
  const parsed = postgresSpecSchema.safeParse(spec ?? {});
  if (!parsed.success) {
    throw new InputError(describeIssues(parsed.error, 'spec'));
  }
  return parsed.data;
}
