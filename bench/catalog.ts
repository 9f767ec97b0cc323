/*
 * Benchmark of the catalog module's full read, against a floor measured in the same run on
 * the same PostgreSQL server:
 *
 *   provider: 10k environments with 50k resources (five each), seeded into the environments
 *             service, read through its REST API by the module's provider and applied as it
 *             applies every full read (deltas of 1000, then the full mutation), until the
 *             catalog has stitched all 60k into final entities;
 *   floor:    the same number of plain entities (10k components, 50k resources, with the
 *             same relations each: an owner and one more) registered as one file location,
 *             until the catalog has stitched them all.
 *
 * Each run gets a fresh backend and fresh databases; the runs alternate (floor, provider,
 * floor, provider …) so that whatever else the machine does weighs on both alike.
 *
 * Run by hand (not part of npm test; timings vary on shared machines), after `npm test` or
 * `npm start` has installed everything:
 *   PATH=$PWD/.toolchain/node-22.23.3/bin:$PATH node .yarn/releases/yarn-4.13.0.cjs bench:catalog [environments] [rounds]
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import catalogModule from '@paved/plugin-catalog-backend-module-environments';
import environmentsPlugin from '@paved/plugin-environments-backend';
import { startTestPostgres } from '@paved/plugin-environments-backend-module-postgres/testUtils';
import knexFactory, { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';

const [size, roundsArg] = process.argv.slice(2).map(Number);
const ENVIRONMENTS = size || 10_000;
const RESOURCES_PER_ENVIRONMENT = 5;
const ROUNDS = roundsArg || 1;
const TOTAL = ENVIRONMENTS * (1 + RESOURCES_PER_ENVIRONMENT);
const TEAMS = 50;

type Server = Awaited<ReturnType<typeof startTestPostgres>>;

function connection(server: Server, database: string): Knex.PgConnectionConfig {
  const url = new URL(server.url);
  return {
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

/** A backend whose plugins each get a database `<prefix><pluginId>` on the server. */
async function startBackend(
  server: Server,
  prefix: string,
  features: any[],
  config: object,
) {
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      ...features,
      databaseServiceFactory,
      mockServices.rootLogger.factory({ level: 'warn' }),
      // Scheduled tasks run only when the benchmark triggers them.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: connection(server, 'postgres'),
              prefix,
            },
          },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Group',
                  'Resource',
                  'Location',
                  'Environment',
                ],
              },
            ],
          },
          ...config,
        },
      }),
    ],
  });
  const catalogDb = knexFactory({
    client: 'pg',
    connection: connection(server, `${prefix}catalog`),
  });
  return { backend, scheduler, catalogDb, api: request(backend.server) };
}

/** Waits until the catalog has stitched `expected` final entities of the kinds and has nothing left to stitch. */
async function untilFinal(
  db: Knex,
  kinds: string[],
  expected: number,
): Promise<void> {
  for (;;) {
    const [{ count }] = await db('final_entities')
      .whereNotNull('final_entity')
      .where(b => {
        for (const kind of kinds) b.orWhere('entity_ref', 'like', `${kind}:%`);
      })
      .count({ count: '*' });
    if (Number(count) >= expected) {
      const [{ pending }] = await db('stitch_queue').count({ pending: '*' });
      if (Number(pending) === 0) return;
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Lets the floor register its file as a location through the API, as a user would a URL. */
const allowFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});

/** The floor: the same number of plain entities from one file location. */
async function floor(server: Server, round: number, file: string) {
  const { backend, catalogDb, api } = await startBackend(
    server,
    `bench_floor${round}_`,
    [catalogPlugin, allowFileLocations],
    {},
  );
  const ms = await timed(async () => {
    const res = await api
      .post('/api/catalog/locations')
      .send({ type: 'file', target: file });
    if (res.status !== 201)
      throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    await untilFinal(catalogDb, ['component', 'resource'], TOTAL);
  });
  await catalogDb.destroy();
  await backend.stop();
  return ms;
}

/** Seeds the environments service's tables: 10k ready environments, five resources each. */
async function seed(db: Knex) {
  const now = new Date().toISOString();
  const batch = 2000;
  for (let start = 0; start < ENVIRONMENTS; start += batch) {
    const environments = [];
    const resources = [];
    for (let i = start; i < Math.min(ENVIRONMENTS, start + batch); i++) {
      const id = randomUUID();
      environments.push({
        id,
        name: 'dev',
        class: 'dev',
        tier: 'development',
        lifecycle: 'static',
        owner: `group:default/team-${i % TEAMS}`,
        entity_ref: `component:default/svc-${i}`,
        created_by: 'user:default/bench',
        status: 'ready',
        created_at: now,
        updated_at: now,
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
          spec: '{}',
          outputs: `{"host":"localhost","port":5432,"database":"svc_${i}_db_${r}"}`,
          created_at: now,
          updated_at: now,
        });
      }
    }
    await db.batchInsert('environments', environments, 1000);
    await db.batchInsert('resources', resources, 1000);
  }
  await db.raw('VACUUM ANALYZE environments');
  await db.raw('VACUUM ANALYZE resources');
}

/** The module: a full read of the seeded environments, through the REST API, into final entities. */
async function provider(server: Server, round: number) {
  const prefix = `bench_provider${round}_`;
  const { backend, scheduler, catalogDb } = await startBackend(
    server,
    prefix,
    [catalogPlugin, catalogModule, environmentsPlugin],
    {
      environments: {
        secrets: { key: Buffer.alloc(32, 1).toString('base64') },
        classes: [
          {
            name: 'dev',
            tier: 'development',
            lifecycle: 'static',
            maxEnvironmentsPerOwner: 100_000,
          },
        ],
      },
    },
  );
  const environmentsDb = knexFactory({
    client: 'pg',
    connection: connection(server, `${prefix}environments`),
  });
  await seed(environmentsDb);
  let readAndMutate = 0;
  const ms = await timed(async () => {
    readAndMutate = await timed(() =>
      scheduler.triggerTask('paved-environments:refresh'),
    );
    await untilFinal(catalogDb, ['environment', 'resource'], TOTAL);
  });
  await environmentsDb.destroy();
  await catalogDb.destroy();
  await backend.stop();
  return { ms, readAndMutate };
}

async function main() {
  const server = await startTestPostgres();
  const dir = await mkdtemp(join(tmpdir(), 'paved-bench-catalog-'));
  const file = join(dir, 'entities.yaml');
  const docs: string[] = [];
  for (let i = 0; i < ENVIRONMENTS; i++) {
    docs.push(
      yaml.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `svc-${i}`, description: `Service ${i}` },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: `group:default/team-${i % TEAMS}`,
          system: `sys-${i}`,
        },
      }),
    );
    for (let r = 0; r < RESOURCES_PER_ENVIRONMENT; r++) {
      docs.push(
        yaml.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: `svc-${i}-db-${r}`,
            description: `Database ${r} of service ${i}`,
          },
          spec: {
            type: 'postgres-database',
            owner: `group:default/team-${i % TEAMS}`,
            dependencyOf: [`component:default/svc-${i}`],
          },
        }),
      );
    }
  }
  await writeFile(file, docs.join('---\n'));

  console.log(
    `Full sync into final entities: ${ENVIRONMENTS} environments + ${
      ENVIRONMENTS * RESOURCES_PER_ENVIRONMENT
    } resources (${TOTAL} entities), ${ROUNDS} round(s)`,
  );
  console.log(
    'round | file location (floor) | provider | of which REST read + mutations (processing overlaps them) | ratio',
  );
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const floorMs = await floor(server, round, file);
    const { ms, readAndMutate } = await provider(server, round);
    ratios.push(ms / floorMs);
    console.log(
      `${round} | ${(floorMs / 1000).toFixed(1)} s | ${(ms / 1000).toFixed(
        1,
      )} s | ${(readAndMutate / 1000).toFixed(1)} s | ${(ms / floorMs).toFixed(
        2,
      )}x`,
    );
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(
    `median ratio | ${sorted[Math.floor(sorted.length / 2)].toFixed(
      2,
    )}x (target ≤ 1.5x)`,
  );

  await rm(dir, { recursive: true, force: true });
  await server.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
