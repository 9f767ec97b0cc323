/*
 * Benchmark of the environments front end, against @backstage/plugin-kubernetes built into
 * the same app and against the catalog's own About card:
 *
 *   1. Size. The portal's app is built three times with `backstage-cli package build --stats`
 *      (production: minified, split as the CLI splits it; statsHook.js keeps the stats small),
 *      into bench/frontend/.cache/:
 *        base          the app without the environments plugin (bench/frontend/apps/base.ts)
 *        environments  the app as users get it (packages/app/src/App.tsx, unchanged)
 *        kubernetes    base + @backstage/plugin-kubernetes/alpha (bench/frontend/apps/kubernetes.ts)
 *      Each build gets a generated package.json (packages/app's, minus @paved/plugin-environments
 *      for base and kubernetes, so that discovery agrees) and an index.tsx that is
 *      packages/app/src/index.tsx with another App. packages/app itself is never touched.
 *      From the bundler's stats: the JS+CSS every page loads (the entry's initial chunks); the
 *      plugin's lazy chunks, i.e. the chunk groups of the dynamic imports made by the plugin's
 *      own modules (exclusive = chunks no other import loads); and the catalog's entity page
 *      chunk group. Then in Chromium, against each build: everything the browser fetches to
 *      open a component's entity page with an empty cache, until its cards have their data.
 *      All sizes are gzip -9 of the emitted files, as the CLI reports them.
 *   2. Time. On the environments build (served from this machine, as the app backend would),
 *      warm cache, against the running backend: from navigation start to the About card
 *      showing the component's description, and to the environments card showing a ready
 *      environment, seen by a MutationObserver in the page. Two ways of opening the page,
 *      alternating: a full page load, and a click on the component in the catalog list.
 *
 * Needs the backend on :7007 (reused if it answers, else started here with
 * `yarn portal backend` and stopped afterwards) and Chromium. The page is served on a free port
 * that Chromium sees as http://localhost:3000 (--host-resolver-rules), so the backend's CORS
 * settings apply unchanged and a running `npm start` is not disturbed. Creates one ready
 * preview environment for component:default/storefront-web as guest and destroys it at the end.
 *
 * Run by hand (not part of npm test; timings vary on shared machines), after `npm start` or
 * `npm test` has installed everything; the three builds take several minutes on two cores:
 *   PATH=$PWD/.toolchain/node-22.23.3/bin:$PATH node .yarn/releases/yarn-4.13.0.cjs bench:frontend \
 *     [--reuse] [--sizes-only] [--samples N]
 * --reuse keeps the builds already in bench/frontend/.cache (delete that folder to start over);
 * --sizes-only skips the timing; --samples sets the number of timed page openings of each way.
 */
import { chromium, Browser, Page } from '@playwright/test';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'bench/frontend/.cache');
const BACKEND = 'http://localhost:7007';
const APP = 'http://localhost:3000';
const COMPONENT = 'storefront-web';
const ENTITY_PATH = `/catalog/default/component/${COMPONENT}`;
// The catalog list, every owner, components only: the component is on its first page.
const LIST_PATH = '/?filters%5Bkind%5D=component&filters%5Buser%5D=all';
const DESCRIPTION = "The shop's web front end"; // examples/components/storefront-web
const ENVIRONMENT = `bench-${process.pid % 10000}`;

const args = process.argv.slice(2);
const REUSE = args.includes('--reuse');
const SIZES_ONLY = args.includes('--sizes-only');
const SAMPLES = Number(args[args.indexOf('--samples') + 1]) || 15;
const WARMUP = 3;

type Variant = 'base' | 'environments' | 'kubernetes';
const VARIANTS: Record<
  Variant,
  { app: string; dropEnvironments: boolean; plugin?: RegExp }
> = {
  base: { app: 'bench/frontend/apps/base', dropEnvironments: true },
  environments: {
    app: 'packages/app/src/App',
    dropEnvironments: false,
    plugin: /[\\/]plugins[\\/]environments(-common)?[\\/]/,
  },
  kubernetes: {
    app: 'bench/frontend/apps/kubernetes',
    dropEnvironments: true,
    plugin:
      /[\\/]node_modules[\\/]@backstage[\\/]plugin-kubernetes(-react|-common)?[\\/]/,
  },
};

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(2)}x` : 'n/a');
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
};
const ms = (n: number) => `${n.toFixed(0)} ms`;
const sleep = (millis: number) => new Promise(r => setTimeout(r, millis));
const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------
// Builds

function distOf(variant: Variant) {
  return path.join(CACHE, variant, 'dist');
}

async function run(
  command: string,
  commandArgs: string[],
  cwd: string,
  logFile: string,
) {
  const out = fs.openSync(logFile, 'w');
  const child = spawn(command, commandArgs, {
    cwd,
    stdio: ['ignore', out, out],
  });
  const code = await new Promise<number | null>(r => child.on('exit', r));
  fs.closeSync(out);
  if (code !== 0)
    throw new Error(
      `${command} ${commandArgs.join(' ')} failed (${code}), see ${logFile}`,
    );
}

async function build(variant: Variant) {
  const dir = path.join(CACHE, variant);
  const { app, dropEnvironments } = VARIANTS[variant];
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });

  const pkg = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'packages/app/package.json'), 'utf8'),
  );
  if (dropEnvironments) delete pkg.dependencies['@paved/plugin-environments'];
  pkg.scripts = {};
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify(pkg, null, 2)}\n`,
  );

  const index = fs.readFileSync(
    path.join(ROOT, 'packages/app/src/index.tsx'),
    'utf8',
  );
  const appImport = path
    .relative(path.join(dir, 'src'), path.join(ROOT, app))
    .split(path.sep)
    .join('/');
  if (!index.includes("from './App'"))
    throw new Error('packages/app/src/index.tsx no longer imports ./App');
  fs.writeFileSync(
    path.join(dir, 'src/index.tsx'),
    index.replace("from './App'", `from '${appImport}'`),
  );
  fs.symlinkSync(
    path.join(ROOT, 'packages/app/public'),
    path.join(dir, 'public'),
  );

  const started = Date.now();
  log(`building ${variant} (${app}) …`);
  await run(
    process.execPath,
    [
      '--require',
      path.join(ROOT, 'bench/frontend/statsHook.js'),
      path.join(ROOT, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'build',
      '--stats',
    ],
    dir,
    path.join(dir, 'build.log'),
  );
  log(`built ${variant} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// ---------------------------------------------------------------------------------------
// Sizes from the bundler's stats

type Origin = { module: string; loc: string; request: string };
type Chunk = {
  id: string;
  files: string[];
  initial: boolean;
  names: string[];
  origins: Origin[];
  modules: string[];
};
type Summary = {
  initialFiles: string[];
  chunks: Chunk[];
  gzip: Record<string, number>;
};

/** Sizes of every file of every chunk, with the stats (written by statsHook.js), kept beside the build. */
function summarize(variant: Variant): Summary {
  const summaryFile = path.join(CACHE, variant, 'summary.json');
  if (fs.existsSync(summaryFile))
    return JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const stats = JSON.parse(
    fs.readFileSync(path.join(distOf(variant), 'bundle-stats.json'), 'utf8'),
  );
  const assets = (files: string[]) => files.filter(f => /\.(js|css)$/.test(f));
  const chunks: Chunk[] = stats.chunks.map((c: Chunk) => ({
    ...c,
    files: assets(c.files),
  }));
  const gzip: Record<string, number> = {};
  for (const file of new Set(chunks.flatMap(c => c.files))) {
    gzip[file] = zlib.gzipSync(
      fs.readFileSync(path.join(distOf(variant), file)),
      { level: 9 },
    ).length;
  }
  const summary = {
    initialFiles: assets(stats.entrypoints.main.assets),
    chunks,
    gzip,
  };
  fs.writeFileSync(summaryFile, JSON.stringify(summary));
  return summary;
}

const originKey = (o: Origin) => `${o.module}|${o.loc}|${o.request}`;
const sum = (files: Iterable<string>, gzip: Record<string, number>) =>
  [...new Set(files)].reduce((total, f) => total + (gzip[f] ?? 0), 0);

/**
 * The chunk groups of the dynamic imports a plugin makes: imports written in the plugin's own
 * modules, and (transitively) imports inside chunks only the plugin loads. A chunk of such a
 * group is exclusive when no import outside the plugin loads it too.
 */
function pluginLazyGroups(summary: Summary, plugin: RegExp) {
  const asyncChunks = summary.chunks.filter(c => !c.initial);
  const pluginOrigins = new Set<string>();
  let exclusive: Chunk[] = [];
  for (;;) {
    const inExclusive = new Set(exclusive.flatMap(c => c.modules));
    for (const c of asyncChunks) {
      for (const o of c.origins) {
        if (plugin.test(o.module) || inExclusive.has(o.module))
          pluginOrigins.add(originKey(o));
      }
    }
    const next = asyncChunks.filter(
      c =>
        c.origins.length &&
        c.origins.every(o => pluginOrigins.has(originKey(o))),
    );
    if (next.length === exclusive.length) break;
    exclusive = next;
  }
  const groups = [...pluginOrigins].map(key => {
    const chunks = asyncChunks.filter(c =>
      c.origins.some(o => originKey(o) === key),
    );
    const [from, , request] = key.split('|');
    return {
      from,
      request,
      files: chunks.flatMap(c => c.files),
      exclusiveFiles: chunks
        .filter(c => exclusive.includes(c))
        .flatMap(c => c.files),
    };
  });
  return {
    groups: groups.sort(
      (a, b) => sum(b.files, summary.gzip) - sum(a.files, summary.gzip),
    ),
    exclusiveFiles: exclusive.flatMap(c => c.files),
    allFiles: groups.flatMap(g => g.files),
  };
}

/** The chunk group of the catalog's entity page (its PageBlueprint's lazy import). */
function entityPageGroup(summary: Summary) {
  const chunks = summary.chunks.filter(
    c =>
      !c.initial &&
      c.origins.some(
        o =>
          /plugin-catalog[\\/]dist[\\/]alpha[\\/]/.test(o.module) &&
          /CatalogEntityPage/.test(o.request),
      ),
  );
  if (!chunks.length)
    throw new Error('the catalog entity page chunk was not found in the stats');
  return chunks.flatMap(c => c.files);
}

// ---------------------------------------------------------------------------------------
// Backend, environment and the served build

let startedBackend: ChildProcess | undefined;

async function ready() {
  try {
    return (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok;
  } catch {
    return false;
  }
}

async function waitReady(seconds: number) {
  for (let i = 0; i < seconds; i++) {
    if (await ready()) return true;
    await sleep(1000);
  }
  return false;
}

async function ensureBackend() {
  // A backend started by `npm start` restarts whenever its sources change: give it time.
  if (await waitReady(180)) {
    log('reusing the backend on :7007');
    return;
  }
  log('starting the backend (yarn portal backend) …');
  const out = fs.openSync(path.join(CACHE, 'backend.log'), 'w');
  startedBackend = spawn(
    process.execPath,
    [path.join(ROOT, '.yarn/releases/yarn-4.13.0.cjs'), 'portal', 'backend'],
    {
      cwd: ROOT,
      detached: true, // its own process group, stopped as a whole at the end
      stdio: ['ignore', out, out],
    },
  );
  for (let i = 0; i < 600; i++) {
    if (await ready()) return;
    if (startedBackend.exitCode !== null) break;
    await sleep(1000);
  }
  throw new Error(
    `the backend did not start, see ${path.join(CACHE, 'backend.log')}`,
  );
}

/** Runs a browser step again (twice at most) if it fails, e.g. while the backend restarts. */
async function retried<T>(what: string, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt === 3) throw error;
      log(
        `${what} failed (${
          String(error).split('\n')[0]
        }); waiting for the backend, then again`,
      );
      await sleep(5000);
      await waitReady(300);
    }
  }
}

async function stopBackend() {
  if (!startedBackend?.pid || startedBackend.exitCode !== null) return;
  process.kill(-startedBackend.pid, 'SIGINT');
  for (let i = 0; i < 30 && startedBackend.exitCode === null; i++)
    await sleep(1000);
}

async function guestToken(): Promise<string> {
  const res = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await res.json()).backstageIdentity.token;
}

async function api(method: string, url: string, body?: unknown) {
  const res = await fetch(`${BACKEND}/api/environments${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${await guestToken()}`,
      'Content-Type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function createReadyEnvironment(): Promise<string> {
  const created = await api('POST', '/environments', {
    name: ENVIRONMENT,
    class: 'preview',
    owner: 'group:default/storefront-team',
    entityRef: `component:default/${COMPONENT}`,
    resources: [{ type: 'postgres-database', name: 'main', spec: {} }],
  });
  const id = created.environment.id;
  for (let i = 0; i < 240; i++) {
    const environment = await api('GET', `/environments/${id}`);
    if (environment.status === 'ready') return id;
    if (environment.status === 'failed')
      throw new Error(`${ENVIRONMENT} failed: ${environment.statusReason}`);
    await sleep(500);
  }
  throw new Error(`${ENVIRONMENT} was not ready after two minutes`);
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
};

/** Serves one build as the app backend does: hashed files cached for good, index.html for the rest. */
async function serve() {
  let root = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', APP);
    let file = path.join(
      root,
      path.normalize(decodeURIComponent(url.pathname)),
    );
    const isAsset =
      file.startsWith(root) &&
      fs.existsSync(file) &&
      fs.statSync(file).isFile();
    if (!isAsset) file = path.join(root, 'index.html');
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control':
        isAsset && url.pathname.startsWith('/static/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    use: (variant: Variant) => {
      root = distOf(variant);
    },
    close: () => new Promise(r => server.close(r)),
  };
}

// ---------------------------------------------------------------------------------------
// The page

/**
 * Installed before the app's scripts: notes performance.now() when the About card first shows
 * the description and when the environments card first shows the environment as Ready.
 * performance.now() counts from navigation start; for in-app navigation `t0` is the click.
 */
const observerScript = ({
  description,
  environment,
}: {
  description: string;
  environment: string;
}) => {
  const bench = { t0: 0, about: -1, env: -1 };
  (window as any).__bench = bench;
  performance.setResourceTimingBufferSize(5000); // a full load fetches more than the default 250
  const aboutShown = () =>
    Array.from(document.querySelectorAll('h3')).some(h => {
      if (h.textContent !== 'About') return false;
      let card: Element | null = h;
      for (let i = 0; i < 8 && card; i++, card = card.parentElement) {
        if (card.textContent?.includes(description)) return true;
      }
      return false;
    });
  const envShown = () =>
    Array.from(document.querySelectorAll('article')).some(
      a =>
        a.querySelector('h3')?.textContent === environment &&
        a.textContent?.includes('Ready'),
    );
  const check = () => {
    if (bench.about < 0 && aboutShown()) bench.about = performance.now();
    if (bench.env < 0 && envShown()) bench.env = performance.now();
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
};

async function launch(port: number): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The served build is http://localhost:3000 to the page, as the backend's CORS expects.
      `--host-resolver-rules=MAP localhost:3000 127.0.0.1:${port}`,
    ],
  });
}

async function signedInPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
  });
  await context.addInitScript(observerScript, {
    description: DESCRIPTION,
    environment: ENVIRONMENT,
  });
  const page = await context.newPage();
  try {
    await page.goto(`${APP}${LIST_PATH}`);
    await page
      .getByRole('button', { name: 'Enter' })
      .click({ timeout: 60_000 });
    await page
      .locator(`a[href$="${ENTITY_PATH}"]`)
      .first()
      .waitFor({ timeout: 60_000 });
    return page;
  } catch (error) {
    await page
      .screenshot({ path: path.join(CACHE, 'failed.png'), fullPage: true })
      .catch(() => {});
    await context.close();
    throw error;
  }
}

async function waitForCards(page: Page, withEnvironment: boolean) {
  await page.waitForFunction(
    withEnv => {
      const b = (window as any).__bench;
      return b.about >= 0 && (!withEnv || b.env >= 0);
    },
    withEnvironment,
    { timeout: 60_000, polling: 50 },
  );
  return page.evaluate(() => {
    const b = (window as any).__bench;
    // The first request of each kind after t0: when it started and when its answer was in.
    const request = (pattern: RegExp) => {
      const entry = performance
        .getEntriesByType('resource')
        .find(e => e.startTime >= b.t0 && pattern.test(e.name)) as
        | PerformanceResourceTiming
        | undefined;
      return entry
        ? { start: entry.startTime - b.t0, end: entry.responseEnd - b.t0 }
        : { start: NaN, end: NaN };
    };
    return {
      about: b.about - b.t0,
      env: b.env - b.t0,
      entityRequest: request(/\/api\/catalog\/entities\/by-(name|refs)/),
      envRequest: request(/\/api\/environments\/environments\?/),
    };
  });
}

/** Records the app's JS and CSS files the page fetches; `quiet()` waits for the network to rest. */
function recordFiles(page: Page) {
  const files = new Set<string>();
  let last = Date.now();
  page.on('request', request => {
    last = Date.now();
    const url = new URL(request.url());
    if (url.host === 'localhost:3000' && /\.(js|css)$/.test(url.pathname))
      files.add(url.pathname.slice(1));
  });
  const quiet = async () => {
    while (Date.now() - last < 1500) await sleep(100);
  };
  return { files, quiet };
}

/**
 * Every JS and CSS file the browser fetches to open the component's entity page with an empty
 * cache, until its cards have their data and the network is quiet. For kubernetes, whose UI is
 * a tab shown for annotated entities, the entity gets the annotation on its way from the
 * catalog (only in this browser), and the tab is opened after the overview.
 */
async function coldEntityPage(browser: Browser, variant: Variant) {
  return onSignedInPage(browser, page => coldEntityPageOn(page, variant));
}

async function coldEntityPageOn(page: Page, variant: Variant) {
  if (variant === 'kubernetes') {
    await page.route(`${BACKEND}/api/catalog/entities/**`, async route => {
      const response = await route.fetch();
      const body = await response.json();
      const annotate = (e: any) => {
        if (e?.kind === 'Component' && e?.metadata?.name === COMPONENT) {
          e.metadata.annotations = {
            ...e.metadata.annotations,
            'backstage.io/kubernetes-id': COMPONENT,
          };
        }
      };
      [body, ...(Array.isArray(body?.items) ? body.items : [])].forEach(
        annotate,
      );
      await route.fulfill({ response, json: body });
    });
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  const { files, quiet } = recordFiles(page);
  await page.goto(`${APP}${ENTITY_PATH}`);
  await waitForCards(page, variant === 'environments');
  await quiet();
  const overview = [...files];
  let tab: string[] = [];
  if (variant === 'kubernetes') {
    files.clear();
    await page
      .getByRole('tab', { name: 'Kubernetes' })
      .or(page.getByRole('link', { name: 'Kubernetes' }))
      .first()
      .click();
    await page.waitForURL(/\/kubernetes$/);
    await quiet();
    tab = [...files];
  }
  return { overview, tab };
}

async function timeEntityPage(browser: Browser) {
  return onSignedInPage(browser, timeEntityPageOn);
}

/**
 * Runs `measure` on a fresh signed-in page, keeping a screenshot of the page when it
 * fails (in the bench cache) and closing its context either way.
 */
async function onSignedInPage<T>(
  browser: Browser,
  measure: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await signedInPage(browser);
  try {
    return await measure(page);
  } catch (error) {
    await page
      .screenshot({ path: path.join(CACHE, 'failed.png'), fullPage: true })
      .catch(() => {});
    throw error;
  } finally {
    await page.context().close();
  }
}

async function timeEntityPageOn(page: Page) {
  const samples = () => ({
    about: [] as number[],
    env: [] as number[],
    entityDone: [] as number[],
    envStart: [] as number[],
    envDone: [] as number[],
  });
  const full = samples();
  const inApp = samples();
  const add = (
    to: ReturnType<typeof samples>,
    t: Awaited<ReturnType<typeof waitForCards>>,
  ) => {
    to.about.push(t.about);
    to.env.push(t.env);
    to.entityDone.push(t.entityRequest.end);
    to.envStart.push(t.envRequest.start);
    to.envDone.push(t.envRequest.end);
  };

  const fullLoad = async () => {
    await page.goto(`${APP}${ENTITY_PATH}`);
    return waitForCards(page, true);
  };
  const clickThrough = async () => {
    await page.goto(`${APP}${LIST_PATH}`);
    const link = page.locator(`a[href$="${ENTITY_PATH}"]`).first();
    await link.waitFor({ timeout: 60_000 });
    await link.evaluate((a: HTMLElement) => {
      const b = (window as any).__bench;
      b.about = -1;
      b.env = -1;
      b.t0 = performance.now();
      a.click();
    });
    return waitForCards(page, true);
  };

  for (let i = 0; i < WARMUP; i++) {
    await fullLoad();
    await clickThrough();
  }
  for (let i = 0; i < SAMPLES; i++) {
    // Alternating, so that whatever else the machine does weighs on both ways alike.
    add(full, await fullLoad());
    add(inApp, await clickThrough());
  }
  await page.screenshot({
    path: path.join(CACHE, 'entity-page.png'),
    fullPage: true,
  });
  return { full, inApp };
}

// ---------------------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(CACHE, { recursive: true });
  const variants = Object.keys(VARIANTS) as Variant[];
  for (const variant of variants) {
    if (
      !(REUSE && fs.existsSync(path.join(distOf(variant), 'bundle-stats.json')))
    )
      await build(variant);
  }
  const summaries = Object.fromEntries(
    variants.map(v => [v, summarize(v)]),
  ) as Record<Variant, Summary>;
  const gz = (v: Variant, files: Iterable<string>) =>
    sum(files, summaries[v].gzip);

  const initial = (v: Variant) => gz(v, summaries[v].initialFiles);
  const total = (v: Variant) => gz(v, Object.keys(summaries[v].gzip));
  const entityChunk = (v: Variant) => gz(v, entityPageGroup(summaries[v]));
  const lazy = {
    environments: pluginLazyGroups(
      summaries.environments,
      VARIANTS.environments.plugin!,
    ),
    kubernetes: pluginLazyGroups(
      summaries.kubernetes,
      VARIANTS.kubernetes.plugin!,
    ),
  };

  const cold = {} as Record<Variant, { overview: string[]; tab: string[] }>;
  let timing: Awaited<ReturnType<typeof timeEntityPage>> | undefined;
  let environmentId: string | undefined;
  const server = await serve();
  try {
    await ensureBackend();
    environmentId = await createReadyEnvironment();
    log(`created ${ENVIRONMENT} (${environmentId}), ready`);
    for (const variant of variants) {
      server.use(variant);
      const browser = await launch(server.port);
      try {
        cold[variant] = await retried(`${variant}: cold entity page`, () =>
          coldEntityPage(browser, variant),
        );
        const missing = [
          ...cold[variant].overview,
          ...cold[variant].tab,
        ].filter(f => !(f in summaries[variant].gzip));
        if (missing.length)
          throw new Error(
            `fetched files that are in no chunk of ${variant}: ${missing.join(
              ', ',
            )}`,
          );
        if (variant === 'environments' && !SIZES_ONLY) {
          log(
            `timing the entity page: ${WARMUP} warm-up rounds, then ${SAMPLES} samples of each way …`,
          );
          timing = await retried('timing', () => timeEntityPage(browser));
        }
      } finally {
        await browser.close();
      }
    }
  } finally {
    if (environmentId) {
      await api('DELETE', `/environments/${environmentId}`).catch(e =>
        log(`could not destroy ${ENVIRONMENT}: ${e}`),
      );
    }
    await server.close();
    await stopBackend();
  }

  const overview = (v: Variant) => gz(v, cold[v].overview);
  const withTab = (v: Variant) => gz(v, [...cold[v].overview, ...cold[v].tab]);
  const [b, e, k] = [
    overview('base'),
    overview('environments'),
    withTab('kubernetes'),
  ];

  console.log(
    '\nSizes, kB gzip -9 (as the CLI reports them) of JS and CSS, production builds of the portal app',
  );
  console.log(
    'what | base (no plugin) | + environments | + kubernetes | environments / kubernetes',
  );
  const row = (what: string, f: (v: Variant) => number, added = true) => {
    const [fb, fe, fk] = variants.map(f);
    const cmp = added
      ? `${ratio(fe - fb, fk - fb)} of what each adds`
      : ratio(fe, fk);
    console.log(
      `${what} | ${kB(fb)} | ${kB(fe)} (+${kB(fe - fb)}) | ${kB(fk)} (+${kB(
        fk - fb,
      )}) | ${cmp}`,
    );
  };
  row('initial chunks: every page, before anything lazy', initial);
  row("the catalog's entity page chunk group", entityChunk, false);
  row('whole build', total);
  console.log(
    `entity page, cold cache, fetched until its cards show data (Chromium) | ${kB(
      b,
    )} | ${kB(e)} (+${kB(e - b)}) | ${kB(overview('kubernetes'))} (+${kB(
      overview('kubernetes') - b,
    )}); with its Kubernetes tab opened ${kB(k)} (+${kB(k - b)}) | ${ratio(
      e - b,
      k - b,
    )} of what each adds to seeing its data`,
  );
  console.log(
    `entity page, with / without the plugin | | ${ratio(e, b)} | ${ratio(
      overview('kubernetes'),
      b,
    )}; with the tab ${ratio(k, b)} |`,
  );

  console.log(
    "\nThe plugin's lazy chunks: the chunk groups of the dynamic imports in the plugin's own modules",
  );
  console.log(
    'plugin | import (in → what) | chunks | kB gzip | only this plugin loads them | not fetched by the entity page (cold)',
  );
  const rel = (m: string) =>
    m.replace(/^.*?[\\/](node_modules|plugins)[\\/]/, '');
  for (const name of ['environments', 'kubernetes'] as const) {
    const page = new Set([...cold[name].overview, ...cold[name].tab]);
    const line = (what: string, files: string[], exclusive: string[]) =>
      console.log(
        `${name} | ${what} | ${new Set(files).size} | ${kB(
          gz(name, files),
        )} | ${kB(gz(name, exclusive))} | ${kB(
          gz(
            name,
            files.filter(f => !page.has(f)),
          ),
        )}`,
      );
    for (const g of lazy[name].groups)
      line(`${rel(g.from)} → ${g.request}`, g.files, g.exclusiveFiles);
    line(
      'all (distinct chunks)',
      lazy[name].allFiles,
      lazy[name].exclusiveFiles,
    );
  }

  const lazyAll = (n: 'environments' | 'kubernetes') => gz(n, lazy[n].allFiles);
  const lazyOwn = (n: 'environments' | 'kubernetes') =>
    gz(n, lazy[n].exclusiveFiles);
  console.log('\nRatios, environments / kubernetes');
  console.log(
    `lazy chunks only the plugin loads | ${kB(lazyOwn('environments'))} / ${kB(
      lazyOwn('kubernetes'),
    )} = ${ratio(lazyOwn('environments'), lazyOwn('kubernetes'))}`,
  );
  console.log(
    `lazy chunk groups, all their chunks | ${kB(
      lazyAll('environments'),
    )} / ${kB(lazyAll('kubernetes'))} = ${ratio(
      lazyAll('environments'),
      lazyAll('kubernetes'),
    )}`,
  );
  const [ie, ik] = [
    initial('environments') - initial('base'),
    initial('kubernetes') - initial('base'),
  ];
  console.log(
    `added to the initial chunks | ${kB(ie)} / ${kB(ik)} = ${ratio(ie, ik)}`,
  );
  console.log(
    `added to an entity page showing the plugin's data (cold) | ${kB(
      e - b,
    )} / ${kB(k - b)} = ${ratio(e - b, k - b)}`,
  );

  if (timing) {
    console.log(
      `\nTime to data on ${ENTITY_PATH}: environments build (the portal's App.tsx), warm cache, headless Chromium, backend from \`yarn portal backend\`, ${SAMPLES} samples each way, alternating`,
    );
    console.log(
      'opened by | About card p50 | p95 | environments card p50 | p95 | ratio p50 | ratio p95 | p50: entity answered | environments request sent | answered',
    );
    for (const [name, t] of [
      ['full page load (from navigation start)', timing.full],
      ['click in the catalog list (from the click)', timing.inApp],
    ] as const) {
      const [a50, a95, e50, e95] = [
        percentile(t.about, 50),
        percentile(t.about, 95),
        percentile(t.env, 50),
        percentile(t.env, 95),
      ];
      console.log(
        `${name} | ${ms(a50)} | ${ms(a95)} | ${ms(e50)} | ${ms(e95)} | ${ratio(
          e50,
          a50,
        )} | ${ratio(e95, a95)} | ${ms(percentile(t.entityDone, 50))} | ${ms(
          percentile(t.envStart, 50),
        )} | ${ms(percentile(t.envDone, 50))}`,
      );
    }
  }
}

main()
  .then(() => process.exit(0))
  .catch(async error => {
    console.error(error);
    await stopBackend().catch(() => {});
    process.exit(1);
  });
