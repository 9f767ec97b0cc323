import { ApiErrorResponse } from './route';
import { errorBodySchema } from './schemas/errors';

const error = (
  component: string,
  errorNames: readonly string[],
  description: string,
) => ({ component, errorNames, description, schema: errorBodySchema });

/**
 * The error answers of the API, each described once. A route lists the ones it can give
 * with {@link errorResponses}.
 * @public
 */
export const ERROR_RESPONSES = {
  400: error(
    'BadRequest',
    ['InputError', 'SyntaxError'],
    'The request breaks a rule (`InputError`); the message names the field and the rule, e.g. `ttl: must be a duration such as 30m, 4h or 7d`. A body that is not valid JSON is a `SyntaxError`.',
  ),
  401: error(
    'Unauthorized',
    ['AuthenticationError'],
    'No valid token (`AuthenticationError`).',
  ),
  403: error(
    'Forbidden',
    ['NotAllowedError'],
    'The caller is not allowed to do this (`NotAllowedError`).',
  ),
  404: error(
    'NotFound',
    ['NotFoundError'],
    'No such environment, resource or goal, or one the caller may not read (`NotFoundError`).',
  ),
  409: error(
    'Conflict',
    ['ConflictError'],
    "The request clashes with the current state (`ConflictError`): a name in use, the class's per-owner limit, an Idempotency-Key used for another body, an environment being destroyed, a resource that is not ready.",
  ),
  413: error(
    'PayloadTooLarge',
    ['PayloadTooLargeError'],
    'A JSON body over 100 kB (`PayloadTooLargeError`).',
  ),
} satisfies Record<number, ApiErrorResponse>;

/** The error answers with these statuses, for a route's `responses`. @public */
export function errorResponses<S extends keyof typeof ERROR_RESPONSES>(
  ...statuses: S[]
): Pick<typeof ERROR_RESPONSES, S> {
  return Object.fromEntries(
    statuses.map(status => [status, ERROR_RESPONSES[status]]),
  ) as Pick<typeof ERROR_RESPONSES, S>;
}
