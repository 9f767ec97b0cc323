import { ResponseError } from '@backstage/errors';
import {
  environmentDeletePermission,
  environmentUpdatePermission,
  resourceSecretReadPermission,
} from '@paved/plugin-environments-common';

/** What a user can do to an environment from the card. */
export type EnvironmentAction =
  | 'extend'
  | 'destroy'
  | 'retry'
  | 'reveal'
  | 'exception';

const PERMISSION_OF: Record<EnvironmentAction, string> = {
  extend: environmentUpdatePermission.name,
  destroy: environmentDeletePermission.name,
  // A failed destroy is retried as a destroy; the server's message then names delete.
  retry: environmentUpdatePermission.name,
  reveal: resourceSecretReadPermission.name,
  exception: environmentUpdatePermission.name,
};

const DOING: Record<EnvironmentAction, string> = {
  extend: 'extend',
  destroy: 'destroy',
  retry: 'retry',
  reveal: 'reveal the connection string of',
  exception: 'ask for an exception on',
};

function isForbidden(error: Error): boolean {
  return (
    error.name === 'ResponseError' &&
    (error as ResponseError).statusCode === 403
  );
}

/**
 * Turns a failed action into a sentence a user can act on. A 403 names the permission
 * that was missing (the server's own naming when it gives one, as in
 * `(permission environments.environment.delete)`), so they know what to ask for.
 */
export function describeActionError(
  error: Error,
  action: EnvironmentAction,
  subject: string,
): string {
  if (isForbidden(error)) {
    // The client puts the server's message into error.message; look at the cause too.
    const said = `${error.message} ${(error as ResponseError).cause?.message}`;
    const permission =
      /permission ([a-z][\w.-]*[a-z])/i.exec(said)?.[1] ??
      PERMISSION_OF[action];
    return `You need ${permission} to ${DOING[action]} ${subject}. The owning group may change non-production environments; the platform team may change any.`;
  }
  return error.message;
}
