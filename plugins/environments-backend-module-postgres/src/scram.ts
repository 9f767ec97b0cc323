import { createHash, createHmac, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** PostgreSQL's own default (`scram_iterations`). */
const ITERATIONS = 4096;
const SALT_BYTES = 16;

/**
 * PostgreSQL runs passwords through SASLprep before hashing. For printable ASCII that is the
 * identity, so refusing anything else keeps this verifier equal to the server's own.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** A new password: 32 random bytes, base64url (43 characters, safe in URLs). */
export function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

/**
 * Computes the SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802 and 7677),
 * in PostgreSQL's format `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`.
 * `CREATE ROLE … PASSWORD '<verifier>'` then sets the password without the cleartext ever
 * reaching the server, its statement log or `pg_stat_activity`.
 */
export async function scramSha256Verifier(
  password: string,
  options?: { salt?: Buffer; iterations?: number },
): Promise<string> {
  if (!PRINTABLE_ASCII.test(password)) {
    throw new Error(
      'A PostgreSQL password must consist of printable ASCII characters',
    );
  }
  const salt = options?.salt ?? randomBytes(SALT_BYTES);
  const iterations = options?.iterations ?? ITERATIONS;
  const saltedPassword = await pbkdf2Async(
    password,
    salt,
    iterations,
    32,
    'sha256',
  );
  const storedKey = createHash('sha256')
    .update(hmac(saltedPassword, 'Client Key'))
    .digest();
  const serverKey = hmac(saltedPassword, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString(
    'base64',
  )}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
