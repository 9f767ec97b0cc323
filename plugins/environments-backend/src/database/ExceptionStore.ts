import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  BaselineException,
  ExceptionState,
} from '@paved/plugin-environments-common';
import { EnvironmentFilter } from '../permissions/rules';

/** An exception as asked for: the rule, the resource, why, until when, and who decides. */
export interface NewException {
  id: string;
  environmentId: string;
  rule: string;
  resourceId?: string;
  justification: string;
  until: Date;
  approvers: string;
  requestedBy: string;
}

export interface ExceptionsQuery {
  state?: ExceptionState;
  environmentId?: string;
  entityRefs?: string[];
  requestedBy?: string;
  /** Only exceptions one of these groups decides. */
  approvers?: string[];
}

/** What accepts a finding: the approved exception for its rule and resource. */
export interface AcceptedKey {
  environmentId: string;
  rule: string;
  resourceId?: string;
}

export interface ExceptionStore {
  /** `exists` when one is already pending or approved for the rule and resource. */
  create(exception: NewException, now: Date): Promise<'created' | 'exists'>;
  get(id: string): Promise<BaselineException | undefined>;
  /** Newest first, at most 500; the permission filter applies to the environment. */
  list(
    query: ExceptionsQuery,
    permissionFilter?: PermissionCriteria<EnvironmentFilter>,
  ): Promise<BaselineException[]>;
  /** Only from `pending`: false when another decision came first. */
  decide(change: {
    id: string;
    state: 'approved' | 'rejected';
    decidedBy: string;
    comment?: string;
    now: Date;
  }): Promise<boolean>;
  /** The approved exceptions of these environments. */
  listApproved(environmentIds: string[]): Promise<AcceptedKey[]>;
  /** Ends the approved exceptions whose end date has come; returns the ones it ended. */
  endDue(now: Date): Promise<BaselineException[]>;
  /**
   * The approved exceptions ending before `before` whose owner was not told yet, each
   * claimed so that one replica tells them once.
   */
  claimEndingNotices(before: Date, now: Date): Promise<BaselineException[]>;
}
