import { createBaselineRule } from '@paved/plugin-environments-node';
import { z } from 'zod';

/** The one rule about resources of every type: without a `resourceType` it sees missing ones. */
export const resourceExists = createBaselineRule({
  id: 'resource.exists',
  params: z.object({}).strict(),
  checkObservation: (_, _desired, observation) =>
    observation.exists
      ? []
      : [{ field: 'exists', expected: 'exists', observed: 'missing' }],
  // Applying the desired state provisions a missing resource again.
  restorable: true,
  description: {
    group: 'Resource rules',
    checks:
      'A resource that was provisioned still exists on its target (nobody dropped the database).',
    today: [
      'A missing resource is reported as a finding; in classes that restore drift it is',
      'provisioned again.',
    ].join('\n'),
    expected: () => 'Every provisioned resource still exists on its target.',
  },
});
