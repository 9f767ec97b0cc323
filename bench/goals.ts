/*
 * Benchmark of the shared goals on PostgreSQL, against floors measured in the same run on
 * the same server: 100k environments, 1M operations, 200k findings, approval requests
 * and refused requests, seeded with bulk INSERT … SELECT; then
 *
 *   1. each metric of the catalogue computed through the service (GET /goals?group=… of
 *      the one goal its owner has) against the simplest hand-written SQL that reads the
 *      same rows and computes the goal's statistic;
 *   2. the Goals page's request (GET /goals, every goal at once) against the seven floors
 *      run side by side on a pool, as the service runs the goals.
 *
 * Run by hand (not part of npm test; timings vary on shared machines), after `npm test` or
 * `npm start` has installed everything:
 *   PATH=$PWD/.toolchain/node-22.23.3/bin:$PATH node .yarn/releases/yarn-4.13.0.cjs bench:goals [environments]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import environmentsPlugin from '@paved/plugin-environments-backend';
import postgresModule from '@paved/plugin-environments-backend-module-postgres';
import { startTestPostgres } from '@paved/plugin-environments-backend-module-postgres/testUtils';
import knexFactory from 'knex';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { FLOORS, GOALS, seedGoalData } from './goalsData';
import { percentile, timed } from './lib/harness';

const ENVIRONMENTS = Number(process.argv[2]) || 100_000;
const SAMPLES = 20;
const NEVER = { days: 365 };

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Times two things alternately, so background work weighs on both alike. */
async function compare(
  n: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
) {
  for (let i = 0; i < 3; i++) {
    await a(); // warm-up
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < n; i++) {
    as.push(await timed(a));
    bs.push(await timed(b));
  }
  const summary = (t: number[]) => ({
    p50: percentile(t, 50),
    p95: percentile(t, 95),
  });
  return [summary(as), summary(bs)];
}

function row(
  what: string,
  api: { p50: number; p95: number },
  floor: { p50: number; p95: number },
) {
  return `${what} | ${ms(api.p50)} | ${ms(api.p95)} | ${ms(floor.p50)} | ${ms(
    floor.p95,
  )} | ${(api.p50 / floor.p50).toFixed(2)}x | ${(api.p95 / floor.p95).toFixed(
    2,
  )}x`;
}

async function main() {
  const server = await startTestPostgres();
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench_goals');
  const url = server.url.replace(/\/[^/]*$/, '/bench_goals');
  const connection = new URL(server.url);
  const db = knexFactory({ client: 'pg', connection: url });
  const target = {
    host: connection.hostname,
    port: Number(connection.port),
    user: decodeURIComponent(connection.username),
    password: decodeURIComponent(connection.password),
  };
  const resources = {
    'postgres-database': { target: 'shared', monthlyCost: 15 },
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
                name: 'preview',
                tier: 'preview',
                lifecycle: 'ephemeral',
                ttl: { default: '24h', max: '7d' },
                resources,
              },
              {
                name: 'dev',
                tier: 'development',
                lifecycle: 'static',
                baseMonthlyCost: 5,
                resources,
              },
              {
                name: 'prod',
                tier: 'production',
                lifecycle: 'static',
                baseMonthlyCost: 100,
                resources,
              },
            ],
            goals: GOALS,
            providers: {
              postgres: { targets: { shared: target as JsonObject } },
            },
            // The jobs run once on the empty tables at start, then not within the run.
            reaper: { frequency: NEVER },
            reconciler: { frequency: NEVER },
            requests: { frequency: NEVER },
            goalSnapshots: { frequency: NEVER },
            goalDigest: { frequency: NEVER },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
    ],
  });
  const api = request(backend.server);
  await new Promise(r => setTimeout(r, 1000));

  const now = new Date();
  const started = Date.now();
  const counts = await seedGoalData(url, ENVIRONMENTS, now);
  process.stderr.write(
    `seeded ${Object.entries(counts)
      .map(([table, n]) => `${n} ${table}`)
      .join(', ')} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );

  const raw = new Client({ connectionString: url });
  await raw.connect();
  // Each floor measures up to its own now, as each request does.
  const floor = (metric: string) =>
    raw.query(FLOORS[metric](new Date().toISOString()));
  const get = async (query: object, goals: number) => {
    const res = await api.get('/api/environments/goals').query(query);
    if (res.status !== 200 || res.body.items.length !== goals) {
      throw new Error(
        `unexpected answer ${res.status} ${JSON.stringify(res.body).slice(
          0,
          300,
        )}`,
      );
    }
    return res.body.items;
  };

  console.log(
    `\nEach metric through the service (GET /goals?group=…, one goal) against its raw SQL, ${SAMPLES} samples each`,
  );
  console.log(
    'metric | service p50 | service p95 | raw SQL p50 | raw SQL p95 | ratio p50 | ratio p95',
  );
  for (const goal of GOALS) {
    const [service, sql] = await compare(
      SAMPLES,
      () => get({ group: goal.owner }, 1),
      () => floor(goal.metric),
    );
    console.log(row(goal.metric, service, sql));
  }
  // The same numbers both ways, or the floor measures something else.
  const items = await get({}, GOALS.length);
  for (const goal of items) {
    const { rows } = await floor(goal.metric);
    const expected = Number(rows[0].value);
    // Windows end a moment apart, so an environment at the edge may count on one side.
    if (
      !(
        Math.abs(goal.value - expected) <=
        Math.max(0.01, Math.abs(expected) * 0.01)
      )
    ) {
      throw new Error(
        `${goal.metric}: service says ${goal.value}, raw SQL ${expected}`,
      );
    }
  }

  const pool = new Pool({ connectionString: url, max: GOALS.length });
  console.log(
    `\nThe Goals page's request (GET /goals, ${GOALS.length} goals) against the floors side by side, ${SAMPLES} samples`,
  );
  console.log(
    'what | API p50 | API p95 | raw SQL p50 | raw SQL p95 | ratio p50 | ratio p95',
  );
  const [page, floors] = await compare(
    SAMPLES,
    () => get({}, GOALS.length),
    () =>
      Promise.all(
        GOALS.map(g => pool.query(FLOORS[g.metric](new Date().toISOString()))),
      ),
  );
  console.log(row('GET /goals', page, floors));
  console.log(
    `target: p95 ratio ≤ 2x, ${page.p95 / floors.p95 <= 2 ? 'met' : 'NOT met'}`,
  );

  await pool.end();
  await raw.end();
  await admin.end();
  await backend.stop();
  await db.destroy();
  await server.stop();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
