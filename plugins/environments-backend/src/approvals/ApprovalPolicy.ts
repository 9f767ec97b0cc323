import {
  ApprovalNeed,
  MonthlyCost,
  ValidationMessage,
} from '@paved/plugin-environments-common';
import { ApprovalConfig } from '../config/approvalConfig';

/** What the policy looks at in a request. */
export interface ApprovalCandidate {
  /** The environment's estimated monthly cost once the request is done. */
  cost: MonthlyCost;
  /** The resource types the request adds. */
  addedTypes: string[];
  /** The baseline rules it breaks that do not refuse it. */
  warnings: ValidationMessage[];
}

/** A request's need for approval, with what the decision is bound by. */
export interface ApprovalVerdict extends ApprovalNeed {
  selfApproval: boolean;
  expireAfterMs: number;
}

/**
 * Whether a request of a class needs a decision: each trigger the class's policy lists
 * that holds gives one reason, said in words the requester and the approver read.
 */
export function assessApproval(
  policy: ApprovalConfig | undefined,
  className: string,
  candidate: ApprovalCandidate,
): ApprovalVerdict | undefined {
  if (!policy) return undefined;
  const reasons: string[] = [];
  if (policy.always) {
    reasons.push(`every request of the ${className} class needs approval`);
  }
  const { amount, currency } = candidate.cost;
  if (policy.monthlyBudget !== undefined && amount > policy.monthlyBudget) {
    reasons.push(
      `its estimated monthly cost of ${amount} ${currency} exceeds the class budget of ${policy.monthlyBudget} ${currency}`,
    );
  }
  const listed = [...new Set(candidate.addedTypes)].filter(type =>
    policy.resourceTypes.includes(type),
  );
  if (listed.length) {
    reasons.push(`it adds ${listed.join(', ')}, which needs approval`);
  }
  if (policy.highSeverity) {
    const high = candidate.warnings.filter(w => w.severity === 'high');
    const rules = [...new Set(high.map(w => w.rule ?? w.field))];
    if (rules.length) {
      reasons.push(`it breaks the high-severity rule ${rules.join(', ')}`);
    }
  }
  if (!reasons.length) return undefined;
  return {
    approvers: policy.approvers,
    reasons,
    selfApproval: policy.selfApproval,
    expireAfterMs: policy.expireAfterMs,
  };
}
