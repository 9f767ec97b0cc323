import { APIRequestContext, expect, Page, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

/*
 * Drift as a developer sees it, in real Chromium against the portal that `npm start` runs:
 * a change made behind the platform's back on the embedded PostgreSQL server shows on the
 * environment's card and on its catalog page, and undoing it clears both.
 */

const COMPONENT = 'checkout-api';
const ENVIRONMENT = 'drift-e2e';
const BACKEND = 'http://localhost:7007';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-test-results/screenshots/${name}.png`, fullPage: true });

async function asAdmin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    host: 'localhost',
    port: 5433,
    user: 'postgres',
    database: 'postgres',
    password: fs.readFileSync(path.resolve('.paved/embedded-postgres.password'), 'utf8').trim(),
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function guestHeaders(request: APIRequestContext) {
  const refresh = await request.post(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return { Authorization: `Bearer ${(await refresh.json()).backstageIdentity.token}` };
}

/** One reconciler pass now, instead of waiting for its schedule. */
async function reconcile(request: APIRequestContext, headers: Record<string, string>) {
  const triggered = await request.post(
    `${BACKEND}/api/environments/.backstage/scheduler/v1/tasks/environments-reconciler/trigger`,
    { headers },
  );
  expect(triggered.status()).toBe(200);
}

test('a change made behind the platform’s back shows on the card and the environment’s page, and clears when undone', async ({
  page,
  request,
}) => {
  const headers = await guestHeaders(request);
  const api = `${BACKEND}/api/environments/environments`;
  const mine = async () =>
    (await (await request.get(`${api}?entityRef=component:default/${COMPONENT}`, { headers })).json()).items.filter(
      (e: { name: string }) => e.name === ENVIRONMENT,
    );
  // What an interrupted earlier run left.
  for (const leftover of await mine()) {
    await request.delete(`${api}/${leftover.id}`, { headers });
  }
  await expect.poll(async () => (await mine()).length, { timeout: 60_000 }).toBe(0);

  const created = await request.post(api, {
    headers,
    data: {
      name: ENVIRONMENT,
      class: 'preview',
      owner: 'group:default/checkout-team',
      entityRef: `component:default/${COMPONENT}`,
      ttl: '4h',
      resources: [{ type: 'postgres-database', name: 'main' }],
    },
  });
  expect(created.status()).toBe(202);
  const { id } = (await created.json()).environment;
  try {
    await expect
      .poll(async () => (await (await request.get(`${api}/${id}`, { headers })).json()).status, { timeout: 60_000 })
      .toBe('ready');
    const database = (await (await request.get(`${api}/${id}`, { headers })).json()).resources[0].outputs.database;

    // Out of band: far more connections than a preview database may have.
    await asAdmin(c => c.query(`ALTER DATABASE ${database} CONNECTION LIMIT 500`));
    await reconcile(request, headers);
    await expect
      .poll(async () => (await (await request.get(`${api}/${id}`, { headers })).json()).status, { timeout: 60_000 })
      .toBe('degraded');

    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('link', { name: COMPONENT, exact: true }).click();
    const card = page.getByRole('article', { name: ENVIRONMENT });
    await expect(card.getByText('Degraded')).toBeVisible();
    const line = card.getByRole('button', { name: `Baseline findings of ${ENVIRONMENT}: 1 open finding (1 blocking)` });
    await expect(line).toBeVisible();
    // The environment the team declared by hand sits beside the provisioned ones.
    await expect(page.getByRole('article', { name: 'legacy-qa (checkout-api)' }).getByText('declared', { exact: true })).toBeVisible();
    await shot(page, 'environment-01-card-degraded');

    await line.click();
    const dialog = page.getByRole('dialog', { name: `Baseline findings of ${ENVIRONMENT}` });
    const finding = dialog.getByRole('list', { name: 'Open findings' }).getByRole('listitem');
    await expect(finding).toContainText('postgres.connection-limit');
    await expect(finding).toContainText('500');
    const guideline = finding.getByRole('link', { name: 'About the rule postgres.connection-limit' });
    await expect(guideline).toHaveAttribute('href', /\/docs\/default\/component\/platform-guidelines\/baselines\/preview\/#postgres\.connection-limit$/);
    await shot(page, 'environment-02-findings-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Its catalog page: live overview, findings, history and the graph to its database.
    await card.getByRole('link', { name: 'Details and history' }).click();
    await expect(page.getByRole('heading', { name: `${ENVIRONMENT} (${COMPONENT})` })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('Degraded').first()).toBeVisible();
    await expect(page.getByRole('list', { name: 'Open findings' })).toContainText('postgres.connection-limit');
    await expect(page.getByRole('table', { name: `Operations of ${ENVIRONMENT} (${COMPONENT})` })).toContainText('Create');
    await expect(page.getByText(`main (${COMPONENT}/${ENVIRONMENT})`).first()).toBeVisible();
    await shot(page, 'environment-03-page-degraded');

    // Undone behind the platform's back too: the next pass resolves the finding.
    await asAdmin(c => c.query(`ALTER DATABASE ${database} CONNECTION LIMIT 10`));
    await reconcile(request, headers);
    await expect
      .poll(async () => (await (await request.get(`${api}/${id}`, { headers })).json()).status, { timeout: 60_000 })
      .toBe('ready');
    await page.reload();
    await expect(page.getByText(`None open: ${ENVIRONMENT} (${COMPONENT}) meets its baseline.`)).toBeVisible();
    await page.getByRole('checkbox', { name: 'Show resolved findings (1)' }).check();
    await expect(page.getByRole('list', { name: 'Resolved findings' })).toContainText('postgres.connection-limit');
    await shot(page, 'environment-04-page-resolved');
  } finally {
    await request.delete(`${api}/${id}`, { headers });
  }
});
