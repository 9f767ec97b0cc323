/*
 * One operations engine in a process of its own, for the test that kills a worker
 * mid-operation. Started by crash.test.ts with Backstage's TypeScript transform; reads
 * its settings as JSON from PAVED_TEST_WORKER.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { PostgresProvider } from '@paved/plugin-environments-backend-module-postgres';
import knexFactory from 'knex';
import { createDatabaseEnvironmentsStore } from '../database/DatabaseEnvironmentsStore';
import { OperationsEngine } from '../engine/OperationsEngine';
import { EnvironmentLifecycle } from '../lifecycle/EnvironmentLifecycle';
import { WorkSignal } from '../lifecycle/WorkSignal';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { SecretBox } from '../secrets/SecretBox';

const settings = JSON.parse(process.env.PAVED_TEST_WORKER!);

const logger: LoggerService = {
  error: m => process.stdout.write(`error ${m}\n`),
  warn: m => process.stdout.write(`warn ${m}\n`),
  info: m => process.stdout.write(`info ${m}\n`),
  debug: () => {},
  child: () => logger,
};

async function main() {
  const db = knexFactory(settings.knex);
  const store = await createDatabaseEnvironmentsStore({
    database: mockServices.database({ knex: db, migrations: { skip: true } }),
  });
  const providers = new ProviderRegistry();
  providers.add(
    PostgresProvider.create({
      targets: [{ name: 'shared', connection: settings.target }],
      logger,
    }),
  );
  const signal = new WorkSignal();
  new OperationsEngine({
    store,
    lifecycle: new EnvironmentLifecycle({ store, signal }),
    signal,
    providers,
    secrets: new SecretBox(Buffer.from(settings.key, 'base64')),
    logger,
    leaseMs: settings.leaseMs,
    pollMs: 50,
  }).start();
  process.stdout.write('worker started\n');
}

main().catch(error => {
  process.stdout.write(`worker failed ${error}\n`);
  process.exit(1);
});
