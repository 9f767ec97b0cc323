import { JsonObject } from '@backstage/types';
import {
  Environment,
  EnvironmentResource,
  EnvironmentStatus,
  Lifecycle,
  Operation,
  OperationState,
  OperationType,
  ResourceOutputs,
  ResourceStatus,
  Tier,
} from '@paved/plugin-environments-common';
import crypto from 'node:crypto';
import { iso, Timestamp } from './dialect';
import { EnvironmentRecord, NewResource, ResourceRecord } from './records';

export interface EnvironmentRow {
  id: string;
  name: string;
  class: string;
  tier: string;
  lifecycle: string;
  owner: string;
  entity_ref: string;
  created_by: string;
  status: string;
  status_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp | null;
  expiry_warned_at: Timestamp | null;
  expiry_reported_at: Timestamp | null;
  destroyed_at: Timestamp | null;
}

export interface ResourceRow {
  id: string;
  environment_id: string;
  type: string;
  name: string;
  provider: string;
  target: string;
  status: string;
  status_reason: string | null;
  spec: string;
  outputs: string;
  secret: string | null;
  observed: string | null;
  last_observed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OperationRow {
  id: string;
  environment_id: string;
  resource_id: string | null;
  type: string;
  state: string;
  attempts: number;
  requested_by: string;
  scaffolder_task_id: string | null;
  error: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  next_attempt_at: Timestamp | null;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
}

export function toEnvironmentRecord(row: EnvironmentRow): EnvironmentRecord {
  return {
    id: row.id,
    name: row.name,
    class: row.class,
    tier: row.tier as Tier,
    lifecycle: row.lifecycle as Lifecycle,
    owner: row.owner,
    entityRef: row.entity_ref,
    createdBy: row.created_by,
    status: row.status as EnvironmentStatus,
    statusReason: row.status_reason ?? undefined,
    expiresAt: iso(row.expires_at),
  };
}

export function toResourceRecord(row: ResourceRow): ResourceRecord {
  return {
    id: row.id,
    environmentId: row.environment_id,
    type: row.type,
    name: row.name,
    provider: row.provider,
    target: row.target,
    status: row.status as ResourceStatus,
    statusReason: row.status_reason ?? undefined,
    spec: JSON.parse(row.spec) as JsonObject,
    outputs: JSON.parse(row.outputs) as ResourceOutputs,
    secret: row.secret ?? undefined,
    observed: row.observed
      ? (JSON.parse(row.observed) as JsonObject)
      : undefined,
  };
}

export function toEnvironment(
  row: EnvironmentRow,
  resources: ResourceRow[],
): Environment {
  return {
    ...toEnvironmentRecord(row),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    resources: resources.map(toResource),
    // Filled in by the service, which knows the class's prices.
    estimatedMonthlyCost: { amount: 0, currency: 'USD' },
  };
}

/**
 * What users see of a resource: not its secret, not what the reconciler observed, except
 * the `appliedState` a provider reads on each pass (a gitops namespace's Flux or Argo CD
 * sync state), which replaces the output of that name apply wrote before it knew.
 */
export function toResource(row: ResourceRow): EnvironmentResource {
  const { environmentId, secret, observed, ...resource } =
    toResourceRecord(row);
  const appliedState = observed?.appliedState;
  return {
    ...resource,
    ...(typeof appliedState === 'string' && {
      outputs: { ...resource.outputs, appliedState },
    }),
    lastObservedAt: iso(row.last_observed_at),
  };
}

export function toOperation(row: OperationRow): Operation {
  return {
    id: row.id,
    environmentId: row.environment_id,
    resourceId: row.resource_id ?? undefined,
    type: row.type as OperationType,
    state: row.state as OperationState,
    attempts: row.attempts,
    requestedBy: row.requested_by,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    error: row.error ?? undefined,
    nextAttemptAt: iso(row.next_attempt_at),
    scaffolderTaskId: row.scaffolder_task_id ?? undefined,
  };
}

/** New resources, pending until an operation provisions them. */
export function newResourceRows(
  environmentId: string,
  resources: NewResource[],
  timestamp: string,
): ResourceRow[] {
  return resources.map(r => ({
    id: crypto.randomUUID(),
    environment_id: environmentId,
    type: r.type,
    name: r.name,
    provider: r.provider,
    target: r.target,
    status: 'pending',
    status_reason: null,
    spec: JSON.stringify(r.spec),
    outputs: '{}',
    secret: null,
    observed: null,
    last_observed_at: null,
    created_at: timestamp,
    updated_at: timestamp,
  }));
}

/** Groups rows by one of their columns, keeping their order. */
export function groupBy<T, K extends keyof T>(
  rows: T[],
  key: K,
): Map<T[K], T[]> {
  const groups = new Map<T[K], T[]>();
  for (const row of rows) {
    const list = groups.get(row[key]);
    if (list) list.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}
