import {
  DURATION_PATTERN,
  parseDuration,
} from '@paved/plugin-environments-common';
import { z } from 'zod';

/** When a class's requests need a decision, and who gives it. */
export interface ApprovalConfig {
  /** The group whose members decide (default `paved.permissions.platformGroup`). */
  approvers: string;
  /** Every request of the class. */
  always: boolean;
  /** Requests whose estimated monthly cost exceeds this budget. */
  monthlyBudget?: number;
  /** Requests that add one of these resource types. */
  resourceTypes: string[];
  /** Requests that break a baseline rule of severity `high`. */
  highSeverity: boolean;
  /** Whether an approver may approve a request they made. */
  selfApproval: boolean;
  /** How long a request waits for a decision before it expires. */
  expireAfterMs: number;
}

/** `environments.classes[].approval`, before the default approver group is filled in. */
export const approvalSchema = z
  .object({
    approvers: z
      .string()
      .regex(
        /^group:/,
        'must be a group ref such as group:default/platform-team',
      )
      .optional(),
    always: z.boolean().default(false),
    monthlyBudget: z.number().min(0).optional(),
    resourceTypes: z.array(z.string().min(1)).default([]),
    highSeverity: z.boolean().default(false),
    selfApproval: z.boolean().default(false),
    expireAfter: z
      .string()
      .regex(DURATION_PATTERN, 'must be a duration such as 30m, 4h or 7d')
      .default('7d')
      .transform(value => parseDuration(value)!),
  })
  .strict();

/** The class's approval policy; `approvers` falls back to the platform group. */
export function resolveApproval(
  parsed: z.output<typeof approvalSchema> | undefined,
  platformGroup: string | undefined,
  key: string,
): ApprovalConfig | undefined {
  if (!parsed) return undefined;
  const approvers = parsed.approvers ?? platformGroup;
  if (!approvers) {
    throw new Error(
      `Invalid environments configuration: ${key}.approvers: is required when paved.permissions.platformGroup is not set`,
    );
  }
  const { expireAfter, ...rest } = parsed;
  return { ...rest, approvers, expireAfterMs: expireAfter };
}
