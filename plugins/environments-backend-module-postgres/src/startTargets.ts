import { LoggerService } from '@backstage/backend-plugin-api';
import { EmbeddedPostgresServer } from './embedded/EmbeddedPostgresServer';
import {
  PostgresConnectionConfig,
  PostgresTargetConfig,
} from './readPostgresTargets';

/**
 * A named server the provider provisions on, and how to reach it.
 * @public
 */
export interface PostgresTarget {
  name: string;
  connection: PostgresConnectionConfig;
}

/**
 * The configured targets with the embedded servers among them started. When one fails to
 * start, the ones already started are stopped again: a backend that does not start
 * leaves no server behind.
 */
export async function startTargets(
  configured: PostgresTargetConfig[],
  rootLogger: LoggerService,
): Promise<{ targets: PostgresTarget[]; servers: EmbeddedPostgresServer[] }> {
  const targets: PostgresTarget[] = [];
  const servers: EmbeddedPostgresServer[] = [];
  try {
    for (const target of configured) {
      if ('connection' in target) {
        targets.push({ name: target.name, connection: target.connection });
        continue;
      }
      const logger = rootLogger.child({ target: target.name });
      const server = await EmbeddedPostgresServer.start({
        ...target.embedded,
        configKey: `${target.configKey}.embedded`,
        onLog: message => logger.debug(message.trim()),
      });
      servers.push(server);
      logger.info(
        `Started embedded PostgreSQL on localhost:${server.port} with data in ${target.embedded.dataDirectory}`,
      );
      targets.push({ name: target.name, connection: server.connection });
    }
  } catch (error) {
    await Promise.all(servers.map(server => server.stop()));
    throw error;
  }
  return { targets, servers };
}
