import {
  ApprovalState,
  OperationType,
  Tier,
} from '@paved/plugin-environments-common';
import { iso, Timestamp, toTimestamp } from './dialect';
import { NewApprovalRequest, RequestRecord } from './RequestStore';

/** A request row joined with its environment's and operation's columns. */
export interface RequestRow {
  id: string;
  environment_id: string;
  operation_id: string;
  state: string;
  approvers: string;
  reasons: string;
  plan: string;
  reason: string | null;
  requested_by: string;
  self_approval: boolean | number;
  created_at: Timestamp;
  expires_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  comment: string | null;
  environment_name: string;
  entity_ref: string;
  owner: string;
  class: string;
  tier: string;
  operation_type: string;
}

export function newRequestRow(
  environmentId: string,
  operationId: string,
  request: NewApprovalRequest,
  timestamp: string,
) {
  return {
    id: request.id,
    environment_id: environmentId,
    operation_id: operationId,
    state: 'pending',
    approvers: request.approvers,
    reasons: JSON.stringify(request.reasons),
    plan: JSON.stringify(request.plan),
    reason: request.reason ?? null,
    requested_by: request.requestedBy,
    self_approval: request.selfApproval,
    created_at: timestamp,
    expires_at: toTimestamp(request.expiresAt),
  };
}

export function toRequestRecord(row: RequestRow): RequestRecord {
  const plan = JSON.parse(row.plan);
  return {
    id: row.id,
    state: row.state as ApprovalState,
    environmentId: row.environment_id,
    environmentName: row.environment_name,
    entityRef: row.entity_ref,
    owner: row.owner,
    class: row.class,
    tier: row.tier as Tier,
    operationId: row.operation_id,
    operationType: row.operation_type as OperationType,
    approvers: row.approvers,
    reasons: JSON.parse(row.reasons),
    requestedBy: row.requested_by,
    reason: row.reason ?? undefined,
    resources: plan.resources,
    estimatedMonthlyCost: plan.estimatedMonthlyCost,
    warnings: plan.warnings,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at)!,
    decidedBy: row.decided_by ?? undefined,
    decidedAt: iso(row.decided_at),
    comment: row.comment ?? undefined,
    selfApproval: Boolean(row.self_approval),
  };
}
