import { EnvironmentStatus, OperationState, OperationType } from './types';

/**
 * The events-service topic the environments backend publishes on whenever an environment
 * changes: created, its status or expiry moved, resources added, destroyed.
 * @public
 */
export const ENVIRONMENTS_EVENTS_TOPIC = 'paved.environments';

/**
 * The payload of an event on {@link ENVIRONMENTS_EVENTS_TOPIC}. It says which environment
 * changed and what it looked like at the time; a consumer that needs it whole reads it
 * again (`GET /environments/{id}`), since events may arrive late or out of order.
 * @public
 */
export interface EnvironmentChangedEvent {
  environmentId: string;
  /** The component or system it belongs to, e.g. `component:default/checkout-api`. */
  entityRef: string;
  name: string;
  status: EnvironmentStatus;
  /** When it expires (ephemeral environments), as it stands now. */
  expiresAt?: string;
  /**
   * The operation that made the change: the one queued, claimed or done, or the recorded
   * `extend`. Absent when no operation did, e.g. the reconciler degrading the environment
   * over a baseline finding or making it ready again once the finding is resolved.
   */
  operation?: { id: string; type: OperationType; state: OperationState };
}
