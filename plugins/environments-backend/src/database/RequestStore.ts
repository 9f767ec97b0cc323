import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ApprovalRequest,
  ApprovalState,
  MonthlyCost,
  ValidationMessage,
} from '@paved/plugin-environments-common';
import { EnvironmentFilter } from '../permissions/rules';
import { StatusChange } from './EnvironmentsStore';
import { NewOperation, NewResource } from './records';

/** A request that needs approval, stored beside the operation it holds back. */
export interface NewApprovalRequest {
  id: string;
  approvers: string;
  reasons: string[];
  plan: {
    resources: NewResource[];
    estimatedMonthlyCost: MonthlyCost;
    warnings: ValidationMessage[];
  };
  reason?: string;
  requestedBy: string;
  selfApproval: boolean;
  expiresAt: Date;
}

/** A stored request, as the API shows it and with what its decision is bound by. */
export type RequestRecord = ApprovalRequest & { selfApproval: boolean };

export interface RequestsQuery {
  state?: ApprovalState;
  class?: string;
  owner?: string;
  entityRefs?: string[];
  environmentId?: string;
  requestedBy?: string;
  /** Only requests one of these groups decides. */
  approvers?: string[];
}

/** How a pending request ends, with what that does to its environment and operation. */
export interface RequestDecisionChange {
  requestId: string;
  state: Exclude<ApprovalState, 'pending'>;
  decidedBy: string;
  comment?: string;
  environmentId: string;
  operationId: string;
  /** The environment's move; none for an update ended while its environment lives on. */
  status?: StatusChange & { destroyed?: boolean };
  /** Approved: added pending; ended: the error its operation fails with. */
  newResources?: NewResource[];
  error?: string;
  now: Date;
}

/**
 * `decided`; `not-pending` when another decision came first; `environment-changed` when
 * the environment is no longer where the decision can move it from. Nothing is written
 * but for `decided`.
 */
export type DecisionResult = 'decided' | 'not-pending' | 'environment-changed';

export interface RequestStore {
  get(id: string): Promise<RequestRecord | undefined>;
  /** Newest first, at most 500; the permission filter applies to the environment. */
  list(
    query: RequestsQuery,
    permissionFilter?: PermissionCriteria<EnvironmentFilter>,
  ): Promise<RequestRecord[]>;
  /**
   * An update waiting for approval: its operation (`awaiting-approval`) and the request,
   * only while the environment is in `liveStatuses`; `refused` otherwise.
   */
  openForUpdate(change: {
    environmentId: string;
    liveStatuses: readonly string[];
    operation: NewOperation;
    request: NewApprovalRequest;
    now: Date;
  }): Promise<'written' | 'refused'>;
  /** Ends a pending request, guarded on its state, with its effects, in one transaction. */
  decide(change: RequestDecisionChange): Promise<DecisionResult>;
  /** Pending requests past their expiry. */
  listExpired(now: Date): Promise<RequestRecord[]>;
  /** Decided requests whose requester was not told yet. */
  listUnnotified(): Promise<RequestRecord[]>;
  /** Marks the requester as told; true for the one call that did. */
  claimNotice(id: string, now: Date): Promise<boolean>;
}
