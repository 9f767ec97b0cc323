/*
 * Benchmark of one drift-reconciler pass: N postgres-database resources on one target
 * server, observed and checked against a baseline. Prints the wall time of the pass and
 * the number of SQL statements sent to the target, which must not grow with N (the
 * provider observes a batch of resources per target in one query).
 *
 * The environments are stored in SQLite, so every PostgreSQL statement counted is one sent
 * to the target. A few of the resources are real databases provisioned first; the others
 * are names the target does not have (observed as missing; the baseline here has no
 * resource.exists rule, so they raise no findings): creating 10k real databases would
 * measure the disk rather than the reconciler.
 *
 * Run by hand (not part of npm test; timings vary on shared machines):
 *   PATH=$PWD/.toolchain/node-22.23.3/bin:$PATH node .yarn/releases/yarn-4.13.0.cjs bench:reconciler [sizes…]
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { PostgresProvider } from '@paved/plugin-environments-backend-module-postgres';
import { startTestPostgres } from '@paved/plugin-environments-backend-module-postgres/testUtils';
import { readEnvironmentsConfig } from '@paved/plugin-environments-backend/src/config/readEnvironmentsConfig';
import { EnvironmentsStore } from '@paved/plugin-environments-backend/src/database/EnvironmentsStore';
import { FindingsStore } from '@paved/plugin-environments-backend/src/database/FindingsStore';
import { Reconciler } from '@paved/plugin-environments-backend/src/drift/Reconciler';
import { ProviderRegistry } from '@paved/plugin-environments-backend/src/services/ProviderRegistry';
import knexFactory from 'knex';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const RESOURCE_COUNTS = SIZES.length ? SIZES : [1_000, 10_000];
const REAL_DATABASES = 20;
const LINK = '/docs/default/component/platform-guidelines/baselines/#';

const rule = (id: string, severity: string, params?: object) => ({
  id,
  severity,
  message: id,
  link: `${LINK}${id}`,
  ...(params && { params }),
});

/** Counts the statements every pg client sends (the target is the only PostgreSQL here). */
function countStatements() {
  const original = Client.prototype.query;
  let count = 0;
  Client.prototype.query = function query(this: Client, ...args: any[]) {
    count += 1;
    return (original as any).apply(this, args);
  } as any;
  return {
    take: () => {
      const n = count;
      count = 0;
      return n;
    },
    restore: () => {
      Client.prototype.query = original;
    },
  };
}

async function pass(target: { host: string; port: number; user: string; password: string; database: string }, resources: number) {
  const logger = mockServices.rootLogger({ level: 'warn' });
  const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  const store = await EnvironmentsStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const config = readEnvironmentsConfig(
    new ConfigReader({
      environments: {
        classes: [
          {
            name: 'dev',
            tier: 'development',
            lifecycle: 'static',
            baseline: 'dev',
            maxEnvironmentsPerOwner: 1_000_000,
            resources: { 'postgres-database': { target: 'shared' } },
          },
        ],
        baselines: {
          dev: {
            rules: [
              rule('postgres.connection-limit', 'blocking', { min: 1, max: 100 }),
              rule('postgres.statement-timeout', 'high', { max: '5min' }),
              rule('postgres.owner-privileges', 'high'),
              rule('postgres.database-owner', 'high'),
            ],
          },
        },
      },
    }),
  );
  const provider = PostgresProvider.create({ targets: [{ name: 'shared', connection: target }], logger });
  const providers = new ProviderRegistry();
  providers.add(provider);

  // Ten resources per environment, as a big platform's shared development server might hold.
  const now = new Date().toISOString();
  const spec = provider.validateSpec({});
  const rows = { environments: [] as object[], resources: [] as any[] };
  for (let i = 0; i < resources; i++) {
    const environmentIndex = Math.floor(i / 10);
    if (i % 10 === 0) {
      rows.environments.push({
        id: `env-${environmentIndex}`,
        name: `env-${environmentIndex}`,
        class: 'dev',
        tier: 'development',
        lifecycle: 'static',
        owner: 'group:default/bench',
        entity_ref: `component:default/svc-${environmentIndex}`,
        created_by: 'user:default/bench',
        status: 'ready',
        created_at: now,
        updated_at: now,
      });
    }
    rows.resources.push({
      id: randomUUID(),
      environment_id: `env-${environmentIndex}`,
      type: 'postgres-database',
      name: `db-${i % 10}`,
      provider: 'postgres',
      target: 'shared',
      status: 'ready',
      spec: JSON.stringify(spec),
      outputs: '{}',
      created_at: now,
      updated_at: now,
    });
  }
  for (let i = 0; i < rows.environments.length; i += 500) {
    await knex('environments').insert(rows.environments.slice(i, i + 500));
  }
  for (let i = 0; i < rows.resources.length; i += 500) {
    await knex('resources').insert(rows.resources.slice(i, i + 500));
  }
  for (const resource of rows.resources.slice(0, REAL_DATABASES)) {
    const environmentIndex = Number(resource.environment_id.slice(4));
    await provider.apply({
      target: 'shared',
      resource: {
        id: resource.id,
        name: resource.name,
        environmentName: `env-${environmentIndex}`,
        entityRef: `component:default/svc-${environmentIndex}`,
      },
      spec,
      logger,
    });
  }

  const reconciler = new Reconciler({
    store,
    findings: new FindingsStore(store.db),
    config,
    providers,
    notifications: { send: async () => undefined },
    logger,
    onOperationQueued: () => undefined,
  });
  const counter = countStatements();
  const timedPass = async () => {
    const start = process.hrtime.bigint();
    const result = await reconciler.run();
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    return { wallMs, statements: counter.take(), result };
  };
  try {
    // The first pass records every observation; the next ones only what changed.
    const first = await timedPass();
    const steady = await timedPass();
    return { resources, first, steady, statements: first.statements + steady.statements };
  } finally {
    counter.restore();
    await provider.close();
    await knex.destroy();
  }
}

async function main() {
  const server = await startTestPostgres({ postgresFlags: ['-c', 'log_statement=none'] });
  const url = new URL(server.url);
  const target = {
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1) || 'postgres',
  };
  try {
    const results = [];
    for (const n of RESOURCE_COUNTS) {
      const r = await pass(target, n);
      results.push(r);
      console.log(
        `${String(n).padStart(6)} resources: first pass ${r.first.wallMs.toFixed(0)} ms, next pass ${r.steady.wallMs.toFixed(0)} ms; SQL statements to the target per pass: ${r.first.statements}, ${r.steady.statements} (observed ${r.first.result.observed}, findings opened ${r.first.result.opened})`,
      );
    }
    const counts = new Set(results.map(r => r.statements));
    console.log(
      counts.size === 1
        ? `The statement count does not grow with the number of resources: ${[...counts][0] / 2} per pass at ${RESOURCE_COUNTS.join(' and ')}.`
        : `The statement count GREW with the number of resources: ${results.map(r => `${r.resources}: ${r.statements}`).join(', ')}.`,
    );
    if (counts.size !== 1) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
