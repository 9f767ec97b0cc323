import { InputError } from '@backstage/errors';
import {
  EnvironmentClass,
  ExceptionsPolicy,
} from '../config/readEnvironmentsConfig';
import { checkExceptionRequest } from './checkExceptionRequest';

/** An exception a create request asks for, checked, waiting for its environment to exist. */
export interface ExceptionOnRequest {
  rule: string;
  resource?: string;
  justification: string;
  until: Date;
  approvers: string;
}

/**
 * Checks the exceptions a create request asks for as `POST /environments/{id}/exceptions`
 * would, before anything is created; each error names its place, e.g.
 * `exceptions[1].rule: environment.ttl is blocking; …`.
 */
export function checkExceptionsOnRequest(
  policy: ExceptionsPolicy,
  environmentClass: EnvironmentClass,
  resourceNames: string[],
  asks: Array<
    Omit<ExceptionOnRequest, 'until' | 'approvers'> & { until: string }
  >,
  now: Date,
): ExceptionOnRequest[] {
  const seen = new Set<string>();
  return asks.map((ask, index) => {
    const field = `exceptions[${index}]`;
    if (ask.resource !== undefined && !resourceNames.includes(ask.resource)) {
      throw new InputError(
        `${field}.resource: "${
          ask.resource
        }" is not one of the requested resources (${
          resourceNames.join(', ') || 'none'
        })`,
      );
    }
    const key = `${ask.rule}|${ask.resource ?? ''}`;
    if (seen.has(key)) {
      throw new InputError(
        `${field}: asks again for ${ask.rule}${
          ask.resource ? ` on ${ask.resource}` : ''
        }`,
      );
    }
    seen.add(key);
    try {
      const { approvers, until } = checkExceptionRequest(
        policy,
        environmentClass,
        [],
        { rule: ask.rule, justification: ask.justification, until: ask.until },
        now,
      );
      return { ...ask, until, approvers };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new InputError(`${field}.${error.message}`);
    }
  });
}
