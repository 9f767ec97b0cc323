import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';

const TARGETS_KEY = 'environments.providers.postgres.targets';
const EXTENSION_WINDOW_KEY = 'environments.providers.postgres.extensionWindow';
const DEFAULT_EMBEDDED_PORT = 5433;
/** Databases per target whose extensions one observation reads (see the README). */
export const DEFAULT_EXTENSION_WINDOW = 20;
/** Each is a connection of its own: more than this in one pass is not a window any more. */
const MAX_EXTENSION_WINDOW = 1000;

/**
 * How the provider reaches an existing PostgreSQL server.
 * @public
 */
export interface PostgresConnectionConfig {
  host: string;
  port: number;
  /** A role with CREATEDB and CREATEROLE (not SUPERUSER). */
  user: string;
  password?: string;
  /** The database it connects to for provisioning. */
  database: string;
}

/**
 * One target from config: a server the backend runs itself, or an existing one.
 * @public
 */
export type PostgresTargetConfig =
  | {
      name: string;
      /** Where the key of this target is in config, for error messages. */
      configKey: string;
      embedded: { dataDirectory: string; port: number };
    }
  | {
      name: string;
      configKey: string;
      connection: PostgresConnectionConfig;
    };

const text = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty');

/**
 * A whole number from `min` to `max`. Values substituted from environment variables
 * arrive as strings, so digits are accepted too.
 */
function wholeNumber(min: number, max: number, range: string) {
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^[0-9]+$/)
          .transform(Number),
      ],
      { error: 'must be a number' },
    )
    .pipe(
      z.number().int('must be a whole number').min(min, range).max(max, range),
    );
}

const port = wholeNumber(1, 65535, 'must be a port number (1-65535)');

function strict<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `has unknown keys ${issue.keys.join(', ')}`
        : 'must be an object',
  });
}

const targetSchema = strict({
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
  embedded: strict({ dataDirectory: text, port: port.optional() }).optional(),
  host: text.optional(),
  port: port.optional(),
  user: text.optional(),
  password: z.string({ error: 'must be a string' }).optional(),
  database: text.optional(),
});

function describe(error: z.ZodError, key: string): string {
  return error.issues
    .map(issue =>
      [[key, ...issue.path.map(String)].join('.'), issue.message].join(' '),
    )
    .join('; ');
}

/**
 * Reads `environments.providers.postgres.targets`. Throws an `InputError` naming the key
 * when something is wrong, so a bad config stops the backend at start.
 *
 * @public
 */
export function readPostgresTargets(config: Config): PostgresTargetConfig[] {
  const targetsConfig = config.getOptionalConfig(TARGETS_KEY);
  if (!targetsConfig) {
    return [];
  }
  const targets: PostgresTargetConfig[] = [];
  const embeddedPorts = new Map<number, string>();
  const dataDirectories = new Map<string, string>();

  for (const name of targetsConfig.keys()) {
    const configKey = `${TARGETS_KEY}.${name}`;
    const parsed = targetSchema.safeParse(targetsConfig.get(name));
    if (!parsed.success) {
      throw new InputError(describe(parsed.error, configKey));
    }
    const { embedded, enabled, ...server } = parsed.data;
    // Config files merge, so a later file cannot remove a target; it can switch it off.
    if (enabled === false) {
      continue;
    }

    if (embedded) {
      const combined = Object.entries(server).find(([, v]) => v !== undefined);
      if (combined) {
        throw new InputError(
          `${configKey}.${combined[0]} cannot be combined with ${configKey}.embedded`,
        );
      }
      const embeddedPort = embedded.port ?? DEFAULT_EMBEDDED_PORT;
      const dataDirectory = resolvePath(embedded.dataDirectory);
      const samePort = embeddedPorts.get(embeddedPort);
      if (samePort) {
        throw new InputError(
          `${configKey}.embedded.port ${embeddedPort} is already the port of ${samePort}`,
        );
      }
      const sameData = dataDirectories.get(dataDirectory);
      if (sameData) {
        throw new InputError(
          `${configKey}.embedded.dataDirectory ${dataDirectory} is already the data directory of ${sameData}`,
        );
      }
      embeddedPorts.set(embeddedPort, `${configKey}.embedded`);
      dataDirectories.set(dataDirectory, `${configKey}.embedded`);
      targets.push({
        name,
        configKey,
        embedded: { dataDirectory, port: embeddedPort },
      });
      continue;
    }

    const { host, user } = server;
    if (!host) {
      throw new InputError(`${configKey} must set either embedded or host`);
    }
    if (!user) {
      throw new InputError(`${configKey}.user is required when host is set`);
    }
    targets.push({
      name,
      configKey,
      connection: {
        host,
        port: server.port ?? 5432,
        user,
        password: server.password,
        database: server.database ?? 'postgres',
      },
    });
  }
  return targets;
}

/**
 * Reads `environments.providers.postgres.extensionWindow`: how many databases per target
 * have their extensions read on each observation (default 20; 0 reads none). Throws an
 * `InputError` naming the key when it is not a whole number from 0 to 1000.
 */
export function readExtensionWindow(config: Config): number {
  if (!config.has(EXTENSION_WINDOW_KEY)) {
    return DEFAULT_EXTENSION_WINDOW;
  }
  const parsed = wholeNumber(
    0,
    MAX_EXTENSION_WINDOW,
    `must be from 0 to ${MAX_EXTENSION_WINDOW}`,
  ).safeParse(config.get(EXTENSION_WINDOW_KEY));
  if (!parsed.success) {
    throw new InputError(describe(parsed.error, EXTENSION_WINDOW_KEY));
  }
  return parsed.data;
}
