import { JsonObject } from '@backstage/types';
import {
  EnvironmentStatus,
  Lifecycle,
  Operation,
  OperationState,
  OperationType,
  ResourceOutputs,
  ResourceStatus,
  Tier,
} from '@paved/plugin-environments-common';

/** An environment as the backend works with it: no resources, no derived fields. */
export interface EnvironmentRecord {
  id: string;
  name: string;
  class: string;
  tier: Tier;
  lifecycle: Lifecycle;
  owner: string;
  entityRef: string;
  createdBy: string;
  status: EnvironmentStatus;
  statusReason?: string;
  expiresAt?: string;
}

/** A resource with what only the backend sees: the sealed secret and the last observation. */
export interface ResourceRecord {
  id: string;
  environmentId: string;
  type: string;
  name: string;
  provider: string;
  target: string;
  status: ResourceStatus;
  statusReason?: string;
  spec: JsonObject;
  outputs: ResourceOutputs;
  /** Sealed by the SecretBox; never leaves the backend. */
  secret?: string;
  /** What the reconciler last saw, `exists` included. */
  observed?: JsonObject;
}

/** A resource to be created with its environment or added to one, pending until applied. */
export interface NewResource {
  type: string;
  name: string;
  provider: string;
  target: string;
  spec: JsonObject;
}

/** An operation to record: queued for the engine, or (an extend) done already. */
export interface NewOperation {
  id: string;
  type: OperationType;
  requestedBy: string;
  scaffolderTaskId?: string;
  /** `succeeded` for changes no worker carries out; `awaiting-approval` until decided. */
  state?: Extract<OperationState, 'queued' | 'succeeded' | 'awaiting-approval'>;
}

/** An operation a worker holds a lease on. */
export type ClaimedOperation = Operation & { attempts: number };
