/*
 * Benchmark of the environments service on PostgreSQL, against floors measured in the
 * same run on the same server:
 *
 *   1. the entity card's list request (GET /environments?entityRef=…) with 10k and 100k
 *      environments of five resources each, against the raw SQL of the same queries;
 *   2. provisioning one postgres-database through the API until it is ready, against raw
 *      CREATE ROLE + CREATE DATABASE.
 *
 * Run by hand (not part of npm test; timings vary on shared machines), after `npm test` or
 * `npm start` has installed everything:
 *   PATH=$PWD/.toolchain/node-22.23.3/bin:$PATH node .yarn/releases/yarn-4.13.0.cjs bench:environments [sizes…]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import environmentsPlugin from '@paved/plugin-environments-backend';
import postgresModule from '@paved/plugin-environments-backend-module-postgres';
import { startTestPostgres } from '@paved/plugin-environments-backend-module-postgres/testUtils';
import { randomUUID } from 'node:crypto';
import knexFactory, { Knex } from 'knex';
import { Client } from 'pg';
import request from 'supertest';
import { percentile, timed } from './lib/harness';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const ENVIRONMENTS = SIZES.length ? SIZES : [10_000, 100_000];
const RESOURCES_PER_ENVIRONMENT = 5;
const ENVIRONMENTS_PER_ENTITY = 4;
const SAMPLES = 200;
const PROVISION_SAMPLES = 20;

const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Times two things alternately, so background work weighs on both alike. */
async function compare(n: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) {
    await a(); // warm-up
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < n; i++) {
    as.push(await timed(a));
    bs.push(await timed(b));
  }
  const summary = (t: number[]) => ({ p50: percentile(t, 50), p95: percentile(t, 95) });
  return [summary(as), summary(bs)];
}

/** Seeds environments up to `total`, spread over entities of four environments each. */
async function seed(db: Knex, from: number, total: number) {
  const now = new Date().toISOString();
  const batch = 2000;
  for (let start = from; start < total; start += batch) {
    const environments = [];
    const resources = [];
    const operations = [];
    for (let i = start; i < Math.min(total, start + batch); i++) {
      const id = randomUUID();
      const tiers = ['production', 'staging', 'development', 'preview'];
      environments.push({
        id,
        name: `env-${i}`,
        class: 'dev',
        tier: tiers[i % 4],
        lifecycle: 'static',
        owner: `group:default/team-${i % 50}`,
        entity_ref: `component:default/svc-${Math.floor(i / ENVIRONMENTS_PER_ENTITY)}`,
        created_by: 'user:default/bench',
        status: 'ready',
        created_at: now,
        updated_at: now,
      });
      // Each environment has the create that made it, as in real life; the card's query reads it.
      operations.push({
        id: randomUUID(),
        environment_id: id,
        type: 'create',
        state: 'succeeded',
        attempts: 1,
        requested_by: 'user:default/bench',
        created_at: now,
        started_at: now,
        finished_at: now,
        scaffolder_task_id: `task-${i}`,
      });
      for (let r = 0; r < RESOURCES_PER_ENVIRONMENT; r++) {
        resources.push({
          id: randomUUID(),
          environment_id: id,
          type: 'postgres-database',
          name: `db-${r}`,
          provider: 'postgres',
          target: 'shared',
          status: 'ready',
          spec: '{"connectionLimit":10,"statementTimeout":"30s"}',
          outputs: `{"host":"localhost","port":5432,"database":"env_${i}_db_${r}","user":"env_${i}_db_${r}_owner"}`,
          created_at: now,
          updated_at: now,
        });
      }
    }
    await db.batchInsert('environments', environments, 1000);
    await db.batchInsert('resources', resources, 1000);
    await db.batchInsert('operations', operations, 1000);
  }
  // Settle the tables now, so autovacuum does not run inside a measurement.
  await db.raw('VACUUM ANALYZE environments');
  await db.raw('VACUUM ANALYZE resources');
  await db.raw('VACUUM ANALYZE operations');
}

/** The queries the store runs for one entity's card, written by hand. */
async function rawList(client: Client, entityRef: string) {
  await client.query(
    'SELECT count(*) FROM environments WHERE entity_ref = $1 AND destroyed_at IS NULL',
    [entityRef],
  );
  const { rows } = await client.query(
    `SELECT * FROM environments WHERE entity_ref = $1 AND destroyed_at IS NULL
      ORDER BY CASE tier WHEN 'production' THEN 0 WHEN 'staging' THEN 1 WHEN 'development' THEN 2 ELSE 3 END, name, id
      LIMIT 50`,
    [entityRef],
  );
  const ids = rows.map(r => r.id);
  await client.query(
    'SELECT * FROM resources WHERE environment_id = ANY($1) ORDER BY created_at, name',
    [ids],
  );
  await client.query(
    `SELECT * FROM operations WHERE environment_id = ANY($1)
      AND (state IN ('queued', 'running') OR type = 'create') ORDER BY created_at, id`,
    [ids],
  );
}

async function main() {
  const server = await startTestPostgres();
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench_backstage');
  const connection = new URL(server.url);
  const db = knexFactory({
    client: 'pg',
    connection: {
      host: connection.hostname,
      port: Number(connection.port),
      user: decodeURIComponent(connection.username),
      password: decodeURIComponent(connection.password),
      database: 'bench_backstage',
    },
  });
  const target = {
    host: connection.hostname,
    port: Number(connection.port),
    user: decodeURIComponent(connection.username),
    password: decodeURIComponent(connection.password),
  };

  const backend = await startTestBackend({
    features: [
      environmentsPlugin,
      postgresModule,
      mockServices.database.factory({ knex: db }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secrets: { key: Buffer.alloc(32, 1).toString('base64') },
            classes: [
              {
                name: 'dev',
                tier: 'development',
                lifecycle: 'static',
                maxEnvironmentsPerOwner: 1000,
                resources: { 'postgres-database': { target: 'shared' } },
              },
            ],
            providers: { postgres: { targets: { shared: target as JsonObject } } },
          },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'bench-service', namespace: 'default' },
            spec: { type: 'service', owner: 'group:default/bench' },
          },
        ],
      }),
    ],
  });
  const api = request(backend.server);
  const raw = new Client({ connectionString: server.url.replace(/\/[^/]*$/, '/bench_backstage') });
  await raw.connect();

  console.log(`Provisioning one postgres-database until ready (before seeding), ${PROVISION_SAMPLES} samples`);
  const provision: number[] = [];
  const floor: number[] = [];
  // Interleaved, so that whatever the server is doing in the background (it has just
  // started) weighs on both sides alike.
  for (let i = 0; i < PROVISION_SAMPLES; i++) {
    floor.push(
      await timed(async () => {
        await admin.query(`CREATE ROLE raw_${i}_owner LOGIN`);
        await admin.query(`CREATE DATABASE raw_${i} OWNER raw_${i}_owner CONNECTION LIMIT 10`);
      }),
    );
    provision.push(
      await timed(async () => {
        const created = await api.post('/api/environments/environments').send({
          name: `p-${i}`,
          class: 'dev',
          owner: 'group:default/bench',
          entityRef: 'component:default/bench-service',
          resources: [{ type: 'postgres-database', name: 'main', spec: {} }],
        });
        if (created.status !== 202) throw new Error(JSON.stringify(created.body));
        for (;;) {
          const res = await api.get(`/api/environments/environments/${created.body.environment.id}`);
          if (res.body.status === 'ready') return;
          if (res.body.status === 'failed') throw new Error(res.body.statusReason);
          // Poll gently: on two cores a tight poll competes with the worker it waits for.
          await new Promise(r => setTimeout(r, 20));
        }
      }),
    );
  }
  const p50 = percentile(provision, 50);
  const floorP50 = percentile(floor, 50);
  console.log('what | p50 | p95');
  console.log(`API (request → ready) | ${ms(p50)} | ${ms(percentile(provision, 95))}`);
  console.log(`raw CREATE ROLE + CREATE DATABASE | ${ms(floorP50)} | ${ms(percentile(floor, 95))}`);
  console.log(`ratio p50 | ${(p50 / floorP50).toFixed(2)}x`);
  // Where the time goes, from the operations' own timestamps.
  const ops = await db('operations').where({ type: 'create' }).select('created_at', 'started_at', 'finished_at');
  const wait = ops.map(o => o.started_at - o.created_at);
  const work = ops.map(o => o.finished_at - o.started_at);
  const total = ops.map(o => o.finished_at - o.created_at);
  console.log(`operation queued → claimed p50 | ${ms(percentile(wait, 50))}`);
  console.log(`operation claimed → finished p50 | ${ms(percentile(work, 50))}`);
  console.log(
    `server side, queued → ready, against the floor p50 | ${ms(percentile(total, 50))} | ${(percentile(total, 50) / floorP50).toFixed(2)}x`,
  );

  console.log(
    `\nList request for one entity's card (${ENVIRONMENTS_PER_ENTITY} environments × ${RESOURCES_PER_ENVIRONMENT} resources), ${SAMPLES} samples each`,
  );
  console.log('environments | API p50 | API p95 | raw SQL p50 | raw SQL p95 | ratio p50 | ratio p95');
  let seeded = 0;
  for (const size of ENVIRONMENTS) {
    const started = Date.now();
    await seed(db, seeded, size);
    seeded = size;
    process.stderr.write(`seeded ${size} environments in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    let n = 0;
    // A different entity each time, spread over the whole table.
    const entity = () =>
      `component:default/svc-${(n++ * 7919) % Math.floor(size / ENVIRONMENTS_PER_ENTITY)}`;
    const [apiTimes, rawTimes] = await compare(
      SAMPLES,
      async () => {
        const res = await api.get('/api/environments/environments').query({ entityRef: entity() });
        if (res.status !== 200 || res.body.items.length !== ENVIRONMENTS_PER_ENTITY) {
          throw new Error(`unexpected answer ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      },
      () => rawList(raw, entity()),
    );
    console.log(
      `${size} | ${ms(apiTimes.p50)} | ${ms(apiTimes.p95)} | ${ms(rawTimes.p50)} | ${ms(rawTimes.p95)} | ${(apiTimes.p50 / rawTimes.p50).toFixed(2)}x | ${(apiTimes.p95 / rawTimes.p95).toFixed(2)}x`,
    );
  }

  await raw.end();
  await admin.end();
  await backend.stop();
  await db.destroy();
  await server.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
