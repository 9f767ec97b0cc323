import {
  EnvironmentStatus,
  OperationState,
  ResourceStatus,
} from '@paved/plugin-environments-common';
import { StatusChange } from '../database/EnvironmentsStore';

const LIVE: EnvironmentStatus[] = [
  'provisioning',
  'ready',
  'degraded',
  'failed',
];

/**
 * Every way an environment's status changes, by what changes it. `from` is enforced in the
 * write itself, so of two racing changes only the one that still finds its `from` wins.
 */
export const ENVIRONMENT_CHANGES = {
  create: { from: [], to: 'provisioning' },
  // A create that needs approval waits with nothing provisioned.
  request: { from: [], to: 'awaiting-approval' },
  approveCreate: { from: ['awaiting-approval'], to: 'provisioning' },
  // Rejected, withdrawn or expired: ended, leaving no live environment behind.
  endRequest: { from: ['awaiting-approval'], to: 'destroyed' },
  addResources: { from: LIVE, to: 'provisioning' },
  destroy: { from: [...LIVE, 'destroying'], to: 'destroying' },
  retryUpdate: { from: ['failed'], to: 'provisioning' },
  retryDestroy: { from: ['failed'], to: 'destroying' },
  // Only when nothing else is queued: a restore never jumps ahead of a user's request.
  restore: { from: ['ready', 'degraded'], to: 'provisioning' },
  degrade: { from: ['ready', 'degraded'], to: 'degraded' },
  recover: { from: ['degraded'], to: 'ready' },
  // An update that finishes after a destroy was asked for leaves it destroying.
  provisioned: { from: ['provisioning'], to: 'ready' },
  destroyed: { from: [...LIVE, 'destroying'], to: 'destroyed' },
  retryingUpdate: { from: ['provisioning'], to: 'provisioning' },
  retryingDestroy: { from: ['destroying'], to: 'destroying' },
  updateFailed: { from: ['provisioning'], to: 'failed' },
  destroyFailed: { from: ['destroying'], to: 'failed' },
} as const satisfies Record<
  string,
  { from: readonly EnvironmentStatus[]; to: EnvironmentStatus }
>;

export type EnvironmentChange = keyof typeof ENVIRONMENT_CHANGES;

/**
 * The status change a decision on a waiting request makes: an approved create provisions,
 * an approved update changes it as an allowed one would; an ended create is destroyed
 * with `reason`, an ended update leaves its environment as it is.
 */
export function decisionStatus(
  approved: boolean,
  operationType: string,
  reason?: string,
): (StatusChange & { destroyed?: boolean }) | undefined {
  if (operationType !== 'create') {
    return approved ? { ...ENVIRONMENT_CHANGES.addResources } : undefined;
  }
  if (approved) return { ...ENVIRONMENT_CHANGES.approveCreate };
  return { ...ENVIRONMENT_CHANGES.endRequest, reason, destroyed: true };
}

/** What a resource's status may become, from each status. */
export const RESOURCE_TRANSITIONS: Record<
  ResourceStatus,
  readonly ResourceStatus[]
> = {
  pending: ['provisioning', 'destroying'],
  // Again from provisioning: a worker taking over a crashed one's operation.
  provisioning: ['provisioning', 'ready', 'failed', 'destroying'],
  // Back to pending: drift that a restore puts right.
  ready: ['pending', 'destroying'],
  failed: ['provisioning', 'destroying'],
  destroying: ['destroying', 'destroyed', 'failed'],
  destroyed: [],
};

/** What an operation's state may become, from each state. */
export const OPERATION_TRANSITIONS: Record<
  OperationState,
  readonly OperationState[]
> = {
  // Queued once approved; failed when the request is rejected, withdrawn or expires.
  'awaiting-approval': ['queued', 'failed'],
  // Queued again: a transient failure waits for its next attempt.
  queued: ['running'],
  // Running again: another worker takes over an expired lease.
  running: ['running', 'succeeded', 'failed', 'queued'],
  succeeded: [],
  failed: [],
};

/** Whether anything in the lifecycle moves an environment from one status to the other. */
export function isEnvironmentTransition(
  from: EnvironmentStatus,
  to: EnvironmentStatus,
): boolean {
  return Object.values(ENVIRONMENT_CHANGES).some(
    change =>
      change.to === to &&
      (change.from as readonly EnvironmentStatus[]).includes(from),
  );
}

export function assertResourceTransition(
  resource: { name: string; status: ResourceStatus },
  to: ResourceStatus,
): void {
  if (!RESOURCE_TRANSITIONS[resource.status].includes(to)) {
    throw new Error(
      `Resource ${resource.name} cannot go from ${resource.status} to ${to}`,
    );
  }
}
