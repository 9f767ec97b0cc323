import { InputError } from '@backstage/errors';
import { formatDuration } from '@paved/plugin-environments-common';
import {
  EnvironmentClass,
  ExceptionsPolicy,
} from '../config/readEnvironmentsConfig';

/** What a developer asks an exception for, as the route reads it. */
export interface ExceptionAsk {
  rule: string;
  resourceId?: string;
  justification: string;
  until: string;
}

/**
 * Whether an exception may be asked for: a `high` rule of the class's baseline, on a
 * resource of the environment, ending in the future and within the longest allowed.
 * Returns who decides it; every wrong input is a 400 naming its field.
 */
export function checkExceptionRequest(
  policy: ExceptionsPolicy,
  environmentClass: EnvironmentClass,
  resourceIds: string[],
  ask: ExceptionAsk,
  now: Date,
): { approvers: string; until: Date } {
  const { rules } = environmentClass.baseline;
  const rule = rules.get(ask.rule);
  if (!rule) {
    throw new InputError(
      `rule: ${ask.rule} is not a rule of the ${
        environmentClass.name
      } class's baseline; its rules are ${
        [...rules.keys()].join(', ') || 'none'
      }`,
    );
  }
  if (rule.severity !== 'high') {
    throw new InputError(
      rule.severity === 'blocking'
        ? `rule: ${ask.rule} is blocking; exceptions are only for rules of severity high`
        : `rule: ${ask.rule} is of severity low, which never degrades an environment; exceptions are only for rules of severity high`,
    );
  }
  if (ask.resourceId && !resourceIds.includes(ask.resourceId)) {
    throw new InputError(
      `resourceId: ${ask.resourceId} is not a resource of this environment`,
    );
  }
  const until = new Date(ask.until);
  if (until.getTime() <= now.getTime()) {
    throw new InputError(`until: ${ask.until} is not in the future`);
  }
  if (until.getTime() - now.getTime() > policy.maxMs) {
    throw new InputError(
      `until: an exception may last at most ${formatDuration(
        policy.maxMs,
      )} (environments.exceptions.maxDuration)`,
    );
  }
  const approvers =
    environmentClass.approval?.approvers ?? policy.platformGroup;
  if (!approvers) {
    throw new InputError(
      `rule: nobody decides exceptions of the ${environmentClass.name} class; set its approval.approvers or paved.permissions.platformGroup`,
    );
  }
  return { approvers, until };
}
