/*
 * Benchmark of one drift-reconciler pass: N postgres-database resources on one target
 * server, observed and checked against a baseline. Prints the wall time of the pass and
 * the number of SQL statements (and connections) sent to the target, which must not grow
 * with N: the provider observes a batch of resources per target in one query, plus the
 * extensions of a window of at most K databases (`extensionWindow`, default 20), one
 * connection and one statement each. It also installs an extension off the allow-list in
 * the real database the window reaches last, and counts the passes until the
 * `postgres.extensions` finding opens: at most ceil(real databases / K).
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
import {
  createServiceFactory,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import environmentsPlugin from '@paved/plugin-environments-backend';
import postgresModule, {
  physicalNames,
  PostgresProvider,
} from '@paved/plugin-environments-backend-module-postgres';
import { startTestPostgres } from '@paved/plugin-environments-backend-module-postgres/testUtils';
import knexFactory, { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { heldScheduler, rule } from './lib/harness';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const RESOURCE_COUNTS = SIZES.length ? SIZES : [1_000, 10_000];
/** More than the window, so the window has to move to cover them. */
const REAL_DATABASES = 50;
const EXTENSION_WINDOW = 20;

/**
 * Counts the statements and connections of every pg client, pooled or not (the target is
 * the only PostgreSQL here).
 */
function countStatements() {
  const query = Client.prototype.query;
  const connect = Client.prototype.connect;
  let statements = 0;
  let connections = 0;
  Client.prototype.query = function counted(this: Client, ...args: any[]) {
    statements += 1;
    return (query as any).apply(this, args);
  } as any;
  Client.prototype.connect = function counted(this: Client, ...args: any[]) {
    connections += 1;
    return (connect as any).apply(this, args);
  } as any;
  return {
    take: () => {
      const n = { statements, connections };
      statements = 0;
      connections = 0;
      return n;
    },
    restore: () => {
      Client.prototype.query = query;
      Client.prototype.connect = connect;
    },
  };
}

type Target = {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
};

/** Runs one statement in one database of the target, as someone with psql would. */
async function inDatabase(target: Target, database: string, sql: string) {
  const client = new Client({ ...target, database });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The environments config of the benchmark: one class, every PostgreSQL rule. */
const ENVIRONMENTS_CONFIG = {
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
        rule('postgres.extensions', 'high', { allow: ['pg_trgm'] }),
      ],
    },
  },
};

/**
 * The scheduler, holding the plugin's scheduled tasks for the benchmark to run one pass at
 * a time, as the real one would on its schedule.
 */

/** Open findings in the environments service's own tables. */
async function openFindings(knex: Knex): Promise<number> {
  const [{ count }] = await knex('findings')
    .whereNull('resolved_at')
    .count({ count: '*' });
  return Number(count);
}

/** The real environments plugin and PostgreSQL module, its data in SQLite. */
async function startPortal(knex: Knex, target: Target) {
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const backend = await startTestBackend({
    features: [
      environmentsPlugin,
      postgresModule,
      heldScheduler(tasks),
      // The owner is told of new findings; no notifications backend runs here.
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.database.factory({ knex }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secrets: { key: Buffer.alloc(32, 5).toString('base64') },
            providers: {
              postgres: {
                extensionWindow: EXTENSION_WINDOW,
                targets: { shared: target },
              },
            },
            ...ENVIRONMENTS_CONFIG,
          },
        },
      }),
    ],
  });
  const reconcile = tasks.get('environments-reconciler');
  if (!reconcile)
    throw new Error(
      'The environments plugin scheduled no environments-reconciler task',
    );
  return {
    reconcile: () => reconcile(new AbortController().signal),
    stop: () => backend.stop(),
  };
}

async function pass(target: Target, resources: number) {
  const logger = mockServices.rootLogger({ level: 'warn' });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const portal = await startPortal(knex, target);
  const provider = PostgresProvider.create({
    targets: [{ name: 'shared', connection: target }],
    logger,
    extensionWindow: EXTENSION_WINDOW,
  });

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
  const real: string[] = [];
  for (const resource of rows.resources.slice(0, REAL_DATABASES)) {
    const environmentIndex = Number(resource.environment_id.slice(4));
    const provisioned = {
      id: resource.id,
      name: resource.name,
      environmentName: `env-${environmentIndex}`,
      entityRef: `component:default/svc-${environmentIndex}`,
    };
    await provider.apply({
      target: 'shared',
      resource: provisioned,
      spec,
      logger,
    });
    real.push(physicalNames(provisioned).database);
  }
  // Off the allow-list, in the database the window reaches last (it goes in name order).
  await inDatabase(target, real.sort().at(-1)!, 'CREATE EXTENSION hstore');

  const counter = countStatements();
  const timedPass = async () => {
    const before = await openFindings(knex);
    counter.take();
    const start = process.hrtime.bigint();
    await portal.reconcile();
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const counts = counter.take();
    const opened = (await openFindings(knex)) - before;
    const [{ observed }] = await knex('resources')
      .whereNotNull('last_observed_at')
      .count({ observed: '*' });
    return {
      wallMs,
      ...counts,
      result: { opened, observed: Number(observed) },
    };
  };
  try {
    // The first pass records every observation; the next ones only what changed.
    const first = await timedPass();
    const steady = await timedPass();
    // Every pass until the window has reached the database with the extension.
    const passes = [first, steady];
    while (
      !passes.some(p => p.result.opened > 0) &&
      passes.length < 2 * Math.ceil(REAL_DATABASES / EXTENSION_WINDOW)
    ) {
      passes.push(await timedPass());
    }
    const foundAfter = passes.findIndex(p => p.result.opened > 0) + 1;
    return {
      resources,
      first,
      steady,
      passes,
      foundAfter,
      statements: passes.map(p => p.statements),
      connections: passes.map(p => p.connections),
    };
  } finally {
    counter.restore();
    await provider.close();
    await portal.stop();
    await knex.destroy();
  }
}

async function main() {
  const server = await startTestPostgres({
    postgresFlags: ['-c', 'log_statement=none'],
  });
  const url = new URL(server.url);
  const target = {
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1) || 'postgres',
  };
  try {
    console.log(
      `One target; ${REAL_DATABASES} real databases among the resources; extension window ${EXTENSION_WINDOW} databases per pass.`,
    );
    const results = [];
    for (const n of RESOURCE_COUNTS) {
      const r = await pass(target, n);
      results.push(r);
      console.log(
        `${String(n).padStart(
          6,
        )} resources: first pass ${r.first.wallMs.toFixed(
          0,
        )} ms, next pass ${r.steady.wallMs.toFixed(0)} ms; ` +
          `SQL statements to the target per pass (1 for all resources + the extension window): ${r.statements.join(
            ', ',
          )}; ` +
          `connections opened per pass: ${r.connections.join(', ')}; ` +
          `observed ${
            r.first.result.observed
          }; the extension off the allow-list found on pass ${
            r.foundAfter || 'never'
          } (at most ${Math.ceil(REAL_DATABASES / EXTENSION_WINDOW)})`,
      );
    }
    // Per pass, the steady state: every pass after the first (which also opens the pool).
    const steadyStatements = new Set(results.flatMap(r => r.statements));
    const steadyConnections = new Set(
      results.flatMap(r => r.connections.slice(1)),
    );
    const grew = steadyStatements.size !== 1 || steadyConnections.size !== 1;
    const late = results.filter(
      r =>
        !r.foundAfter ||
        r.foundAfter > Math.ceil(REAL_DATABASES / EXTENSION_WINDOW),
    );
    console.log(
      grew
        ? `The statement count GREW with the number of resources: ${results
            .map(
              r =>
                `${r.resources}: statements ${r.statements.join(
                  '/',
                )}, connections ${r.connections.join('/')}`,
            )
            .join('; ')}.`
        : `The statement count does not grow with the number of resources: ${
            [...steadyStatements][0]
          } statements (1 + ${EXTENSION_WINDOW}) and ${
            [...steadyConnections][0]
          } new connections per pass at ${RESOURCE_COUNTS.join(
            ' and ',
          )} resources.`,
    );
    if (late.length) {
      console.log(
        `The extension window did NOT reach every database within ceil(${REAL_DATABASES} / ${EXTENSION_WINDOW}) passes.`,
      );
    }
    if (grew || late.length) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
