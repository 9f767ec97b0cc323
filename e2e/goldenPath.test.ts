import { APIRequestContext, expect, Page, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

/*
 * The whole golden path as a new user walks it, in real Chromium against the portal that
 * `npm start` runs: empty state → template → the card provisioning, then ready → reveal
 * and connect → extend → destroy → the database is gone from the embedded server.
 */

const COMPONENT = 'product-catalog';
const ENVIRONMENT = 'golden-path';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-test-results/screenshots/${name}.png`, fullPage: true });

/** The embedded PostgreSQL server of the embedded default, as its admin. */
function adminClient() {
  const passwordFile = path.resolve('.paved/embedded-postgres.password');
  return new Client({
    host: 'localhost',
    port: 5433,
    user: 'postgres',
    database: 'postgres',
    password: fs.readFileSync(passwordFile, 'utf8').trim(),
  });
}

async function databasesOf(environment: string): Promise<string[]> {
  const client = adminClient();
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1',
      [`${environment.replace(/-/g, '_')}_%`],
    );
    return rows.map(r => r.datname);
  } finally {
    await client.end();
  }
}

/** Destroys what an earlier, interrupted run may have left, so the card starts empty. */
async function destroyLeftovers(request: APIRequestContext) {
  const refresh = await request.post('http://localhost:7007/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const token = (await refresh.json()).backstageIdentity.token;
  const headers = { Authorization: `Bearer ${token}` };
  const api = 'http://localhost:7007/api/environments/environments';
  const list = await request.get(`${api}?entityRef=component:default/${COMPONENT}`, { headers });
  for (const environment of (await list.json()).items) {
    await request.delete(`${api}/${environment.id}`, { headers });
  }
  await expect
    .poll(async () => (await (await request.get(`${api}?entityRef=component:default/${COMPONENT}`, { headers })).json()).items.length, { timeout: 60_000 })
    .toBe(0);
}

/**
 * Waits until the catalog has processed the example entities: on a fresh clone the portal
 * can answer before its first ingestion is done, and an entity page loaded then says
 * "not found" for good.
 */
async function catalogHas(request: APIRequestContext, refs: string[]) {
  const refresh = await request.post('http://localhost:7007/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const token = (await refresh.json()).backstageIdentity.token;
  for (const ref of refs) {
    await expect
      .poll(
        async () =>
          (
            await request.get(`http://localhost:7007/api/catalog/entities/by-name/${ref}`, {
              headers: { Authorization: `Bearer ${token}` },
            })
          ).status(),
        { timeout: 120_000 },
      )
      .toBe(200);
  }
}

test('a new user gets a preview environment with a database, uses it, extends it and destroys it', async ({
  page,
  request,
}) => {
  await destroyLeftovers(request);
  await catalogHas(request, [`component/default/${COMPONENT}`, 'template/default/paved-ephemeral-environment']);

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // The catalog lists the component once signing in is done; open it from there.
  await page.getByRole('link', { name: COMPONENT, exact: true }).click();
  await expect(page.getByRole('heading', { name: COMPONENT })).toBeVisible();

  // Empty state: it says what to do, and the button opens the template with this
  // component and its owner filled in.
  const create = page.getByRole('link', { name: 'Create an ephemeral environment' });
  await expect(create).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(`${COMPONENT} has no environments.`)).toBeVisible();
  await shot(page, 'golden-01-empty-state');
  await create.click();

  await expect(page.getByRole('heading', { name: 'Ephemeral environment' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Name' }).fill(ENVIRONMENT);
  await shot(page, 'golden-02-template-form');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(`component:default/${COMPONENT}`).first()).toBeVisible();

  // Hold the server's catalog of databases for a moment, as a busy server would, so the
  // card can be seen provisioning before it is ready.
  const busy = adminClient();
  await busy.connect();
  await busy.query('BEGIN');
  await busy.query('LOCK TABLE pg_catalog.pg_database IN ACCESS EXCLUSIVE MODE');
  try {
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByText('Create the preview environment').first()).toBeVisible();
    await page.goto(`/catalog/default/component/${COMPONENT}`);
    const environment = page.getByRole('article', { name: ENVIRONMENT });
    await expect(environment.getByText('Provisioning').first()).toBeVisible({ timeout: 60_000 });
    await shot(page, 'golden-03-provisioning');
  } finally {
    await busy.query('ROLLBACK');
    await busy.end();
  }

  // Ready, with the database's host and name, without reloading the page.
  const environment = page.getByRole('article', { name: ENVIRONMENT });
  await expect(environment.getByText('Ready').first()).toBeVisible({ timeout: 60_000 });
  const [database] = await databasesOf(ENVIRONMENT);
  expect(database).toMatch(/^golden_path_main_[0-9a-f]{8}$/);
  await expect(environment.getByText('localhost').first()).toBeVisible();
  await expect(environment.getByText(database, { exact: true })).toBeVisible();
  await shot(page, 'golden-04-ready');

  // Reveal the connection string and connect with it.
  await environment.getByRole('button', { name: 'Reveal the connection string of main' }).click();
  const revealed = environment.locator('code').filter({ hasText: 'postgresql://' });
  await expect(revealed).toBeVisible();
  const connectionString = (await revealed.textContent())!.trim();
  await shot(page, 'golden-05-revealed');
  const user = new Client({ connectionString });
  await user.connect();
  const { rows } = await user.query('SELECT current_database() AS db, current_user AS role');
  await user.end();
  expect(rows[0]).toEqual({ db: database, role: `${database}_owner` });

  // Extend: a bad TTL is refused in the form, a good one moves the expiry.
  await environment.getByRole('button', { name: `Extend ${ENVIRONMENT}` }).click();
  const extend = page.getByRole('dialog', { name: `Extend ${ENVIRONMENT}` });
  const ttl = extend.getByLabel('Time to live from now');
  await ttl.fill('30d');
  await expect(extend.getByRole('button', { name: 'Extend' })).toBeDisabled();
  await ttl.fill('3d');
  await shot(page, 'golden-06-extend');
  await extend.getByRole('button', { name: 'Extend' }).click();
  await expect(extend).toBeHidden();
  await expect(environment.getByText(/\b(2d 23h|3d)\b/).first()).toBeVisible();

  // Destroy: the card empties and the database is gone from the server.
  await environment.getByRole('button', { name: `Destroy ${ENVIRONMENT}` }).click();
  const destroy = page.getByRole('dialog', { name: `Destroy ${ENVIRONMENT}?` });
  await destroy.getByRole('button', { name: 'Destroy' }).click();
  await expect(page.getByText(`${COMPONENT} has no environments.`)).toBeVisible({ timeout: 60_000 });
  await shot(page, 'golden-07-destroyed');
  expect(await databasesOf(ENVIRONMENT)).toEqual([]);
});
