import { JsonValue } from '@backstage/types';
import { createBaselineRule } from '@paved/plugin-environments-node';
import { z } from 'zod';
import { POSTGRES_DATABASE } from '../resourceType';
import { pgDuration, pgDurationMs } from './pgDuration';

const params = z.object({ max: pgDuration }).strict();

/** Why a statement timeout breaks the rule (not set, or over the max), or undefined. */
function problem(
  { max }: z.output<typeof params>,
  value: JsonValue | undefined,
) {
  const ms = typeof value === 'string' ? pgDurationMs(value) : undefined;
  // PostgreSQL's 0 means no timeout at all.
  if (ms === undefined || ms === 0) return 'not set';
  return ms > pgDurationMs(max)! ? String(value) : undefined;
}

export const statementTimeout = createBaselineRule({
  id: 'postgres.statement-timeout',
  resourceType: POSTGRES_DATABASE,
  params,
  checkSpec: (timeout, { statementTimeout: value }) => {
    const wrong = problem(timeout, value);
    return wrong
      ? [
          {
            field: 'statementTimeout',
            expected: `at most ${timeout.max}`,
            observed: wrong,
          },
        ]
      : [];
  },
  checkObservation: (timeout, desired, { observed }) => {
    const actual = observed.statementTimeout;
    const wrong =
      problem(timeout, actual) ??
      // 30000 and 30s are the same timeout.
      (pgDurationMs(String(actual)) !==
      pgDurationMs(String(desired.statementTimeout))
        ? String(actual)
        : undefined);
    return wrong
      ? [
          {
            field: 'statementTimeout',
            expected: `${desired.statementTimeout} (at most ${timeout.max})`,
            observed: wrong,
          },
        ]
      : [];
  },
  // Apply sets the timeout again.
  restorable: true,
  description: {
    group: 'PostgreSQL rules',
    checks: "The database's statement timeout is within what the class allows.",
    today: [
      "A request's `statementTimeout` must be a PostgreSQL duration such as `500ms`, `30s`, `5min`",
      'or `1h`; without one it is `30s`. It is set on the database when it is provisioned.',
    ].join('\n'),
    expected: ({ max }) =>
      `A statement timeout that is set, of at most \`${max}\`.`,
  },
});
