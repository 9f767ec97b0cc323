import { createBaselineRule } from '@paved/plugin-environments-node';
import { z } from 'zod';
import { POSTGRES_DATABASE } from '../resourceType';

const params = z
  .object({
    min: z.number().int().min(1).default(1),
    max: z.number().int().min(1),
  })
  .strict()
  .refine(p => p.min <= p.max, {
    message: 'min must not be above max',
    path: ['min'],
  });

type Limit = z.output<typeof params>;

const within = (limit: Limit, value: number) =>
  value >= limit.min && value <= limit.max;
const range = (limit: Limit) => `${limit.min}–${limit.max}`;

export const connectionLimit = createBaselineRule({
  id: 'postgres.connection-limit',
  resourceType: POSTGRES_DATABASE,
  params,
  checkSpec: (limit, { connectionLimit: value }) =>
    typeof value === 'number' && !within(limit, value)
      ? [
          {
            field: 'connectionLimit',
            expected: range(limit),
            observed: String(value),
          },
        ]
      : [],
  checkObservation: (limit, desired, { observed }) => {
    const actual = observed.connectionLimit;
    if (typeof actual !== 'number') return [];
    if (within(limit, actual) && actual === desired.connectionLimit) return [];
    return [
      {
        field: 'connectionLimit',
        expected: `${desired.connectionLimit} (${range(limit)})`,
        observed: actual === -1 ? 'unlimited' : String(actual),
      },
    ];
  },
  // Apply sets the limit again.
  restorable: true,
  description: {
    group: 'PostgreSQL rules',
    checks: "The database's connection limit is within what the class allows.",
    today: [
      "A request's `connectionLimit` must be a whole number from 1 to 1000; without one it is 10.",
      'It is set on the database when it is provisioned ([Settings](../databases.md#settings)).',
    ].join('\n'),
    expected: limit =>
      `A connection limit between ${limit.min} and ${limit.max}.`,
  },
});
