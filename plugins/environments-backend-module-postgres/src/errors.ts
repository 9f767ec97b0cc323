import { isError } from '@backstage/errors';
import { TransientProviderError } from '@paved/plugin-environments-node';

/** The target is down, restarting or overloaded: worth retrying later. */
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57014', // query_canceled (statement timeout)
  '53300', // too_many_connections
  '53200', // out_of_memory
  '55006', // object_in_use (e.g. someone is connected to the template database)
  '55P03', // lock_not_available
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** node-postgres reports a lost or timed-out connection without a code. */
const TRANSIENT_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  // Two sessions altered the same catalog row at once (XX000).
  /^tuple concurrently updated$/,
];

/** Errors this package raised on purpose already say what to do. */
const DELIBERATE = new Set([
  'InputError',
  'ConflictError',
  'TransientProviderError',
]);

function describeCause(
  error: Error & { code?: unknown },
  target: string,
): string {
  switch (error.code) {
    case 'ENOTFOUND':
      return `the host of target "${target}" cannot be resolved; check its host in config`;
    case '28P01':
    case '28000':
      return `target "${target}" refused the provisioning credentials; check its user and password in config`;
    case '42501':
      return `the provisioning role lacks a privilege (${error.message}); it needs CREATEDB and CREATEROLE`;
    case '3D000':
      return `${error.message}; check the database of target "${target}" in config`;
    case '2BP01':
      return `${error.message}; other databases still hold objects or privileges of this role: reassign or drop them (REASSIGN OWNED / DROP OWNED) and retry`;
    default:
      return typeof error.code === 'string' &&
        !error.message.includes(error.code)
        ? `${error.message} (${error.code})`
        : error.message;
  }
}

/**
 * Turns whatever a call to PostgreSQL threw into what the operations engine expects: a
 * `TransientProviderError` when trying again later may work, otherwise an error whose
 * message a user can act on. Secrets are cut out of the message, and the driver's error is
 * not attached, so nothing secret can reach a log through it.
 */
export function toProviderError(
  error: unknown,
  context: { action: string; target: string; secrets?: string[] },
): Error {
  if (!isError(error)) {
    return new Error(`${context.action} on target "${context.target}" failed`);
  }
  if (DELIBERATE.has(error.name)) {
    return error;
  }
  const code = (error as { code?: unknown }).code;
  let message = `${context.action} on target "${
    context.target
  }" failed: ${describeCause(error, context.target)}`;
  for (const secret of context.secrets ?? []) {
    message = message.replaceAll(secret, '[redacted]');
  }
  const transient =
    (typeof code === 'string' &&
      (TRANSIENT_NODE_CODES.has(code) ||
        TRANSIENT_SQLSTATES.has(code) ||
        code.startsWith('08'))) ||
    TRANSIENT_MESSAGES.some(pattern => pattern.test(error.message));
  return transient ? new TransientProviderError(message) : new Error(message);
}
