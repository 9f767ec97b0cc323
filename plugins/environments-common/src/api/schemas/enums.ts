import { z } from 'zod';

/** @public */
export const tierSchema = z
  .enum(['production', 'staging', 'development', 'preview'])
  .meta({
    description:
      'What an environment is for; decides its guarantees and who may change it.',
  });

/** @public */
export const lifecycleSchema = z.enum(['static', 'ephemeral']).meta({
  description:
    'Static environments live until destroyed; ephemeral ones expire.',
});

/** @public */
export const environmentStatusSchema = z
  .enum([
    'awaiting-approval',
    'provisioning',
    'ready',
    'degraded',
    'failed',
    'destroying',
    'destroyed',
  ])
  .meta({
    description:
      "An environment's status, derived from its resources and running operations.",
  });

/** @public */
export const resourceStatusSchema = z.enum([
  'pending',
  'provisioning',
  'ready',
  'failed',
  'destroying',
  'destroyed',
]);

/** @public */
export const operationTypeSchema = z.enum([
  'create',
  'update',
  'destroy',
  'extend',
]);

/** @public */
export const operationStateSchema = z.enum([
  // Recorded with a request that needs approval; queued once approved.
  'awaiting-approval',
  'queued',
  'running',
  'succeeded',
  'failed',
]);

/** How much breaking a baseline rule matters. @public */
export const findingSeveritySchema = z.enum(['blocking', 'high', 'low']).meta({
  description:
    '`blocking` refuses a request; `high` degrades an environment; `low` informs.',
});

/** Where a request that needs approval stands. @public */
export const approvalStateSchema = z
  .enum(['pending', 'approved', 'rejected', 'withdrawn', 'expired'])
  .meta({
    description:
      '`pending` waits for an approver; the others are final: `approved` queued its operation, the rest ended it with nothing provisioned.',
  });

/** Where an exception to a baseline rule stands. @public */
export const exceptionStateSchema = z
  .enum(['pending', 'approved', 'rejected', 'ended'])
  .meta({
    description:
      '`pending` waits for an approver; `approved` accepts the finding until its end date; `rejected` and `ended` are final.',
  });
