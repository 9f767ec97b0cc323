import { InputError } from '@backstage/errors';
import { ResourceOutputs } from '@paved/plugin-environments-common';

/** The URL a user connects to a provisioned database with. */
export function postgresConnectionString(
  outputs: ResourceOutputs,
  secret: string,
): string {
  const { host, port, database, user } = outputs;
  if (!host || !port || !database || !user) {
    throw new InputError(
      'A postgres-database connection string needs the outputs host, port, database and user',
    );
  }
  const hostPart = String(host).includes(':') ? `[${host}]` : String(host);
  const encode = (value: string | number | boolean) =>
    encodeURIComponent(String(value));
  return `postgresql://${encode(user)}:${encode(secret)}@${hostPart}:${encode(
    port,
  )}/${encode(database)}`;
}
