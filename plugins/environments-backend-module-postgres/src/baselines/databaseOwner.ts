import { createBaselineRule } from '@paved/plugin-environments-node';
import { z } from 'zod';
import { POSTGRES_DATABASE } from '../resourceType';

export const databaseOwner = createBaselineRule({
  id: 'postgres.database-owner',
  resourceType: POSTGRES_DATABASE,
  params: z.object({}).strict(),
  checkObservation: (_, _desired, { observed }) =>
    typeof observed.expectedOwner === 'string' &&
    observed.owner !== observed.expectedOwner
      ? [
          {
            field: 'owner',
            expected: observed.expectedOwner,
            observed: String(observed.owner),
          },
        ]
      : [],
  // Apply sets the owner again.
  restorable: true,
  description: {
    group: 'PostgreSQL rules',
    checks: 'The database is owned by its own owner role.',
    today: [
      'Each database is created owned by the role Paved creates for it, and ownership is set again',
      'each time the resource is provisioned.',
    ].join('\n'),
    expected: () =>
      'The database owned by the owner role Paved created for it.',
  },
});
