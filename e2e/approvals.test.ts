import { APIRequestContext, expect, Page, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

/*
 * The two teams on one queue, in real Chromium against the portal that `npm start` runs:
 * the guest (a developer of checkout-team) asks for a production environment, which waits;
 * Priya of the platform team signs in in the same browser, finds it on the Requests page
 * and approves it, and the database is provisioned. A second request she rejects with a
 * comment, which the guest reads on the component's card and in a notification.
 */

const COMPONENT = 'payments-worker';
const APPROVED = 'approve-e2e';
const REJECTED = 'reject-e2e';
const COMMENT = 'Production needs a load test first: try it on staging this week';
const BACKEND = 'http://localhost:7007';
const API = `${BACKEND}/api/environments`;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-test-results/screenshots/${name}.png`, fullPage: true });

async function tokenOf(request: APIRequestContext, provider: 'guest' | 'platform-engineer') {
  const refresh = await request.post(`${BACKEND}/api/auth/${provider}/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.status(), `sign-in through ${provider}`).toBe(200);
  return { Authorization: `Bearer ${(await refresh.json()).backstageIdentity.token}` };
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({
    host: 'localhost',
    port: 5433,
    user: 'postgres',
    database: 'postgres',
    password: fs.readFileSync(path.resolve('.paved/embedded-postgres.password'), 'utf8').trim(),
  });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

async function signIn(page: Page, button: 'Enter' | 'Sign in as Priya Raman') {
  await page.goto('/');
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Example Org Catalog' })).toBeVisible({ timeout: 60_000 });
}

/** As a user switches: the settings page's menu, Sign out, back on the sign-in page. */
async function signOut(page: Page) {
  await page.goto('/settings');
  await page.getByRole('button', { name: 'more' }).click();
  await page.getByRole('menuitem', { name: /sign out/i }).click();
  await expect(page.getByRole('button', { name: 'Sign in as Priya Raman' })).toBeVisible({ timeout: 30_000 });
}

async function openComponent(page: Page) {
  await page.goto(`/catalog/default/component/${COMPONENT}`);
  await expect(page.getByRole('heading', { name: COMPONENT }).first()).toBeVisible();
}

test('a production request waits for the platform team, is approved and provisioned; another is rejected with a comment the guest reads', async ({
  page,
  request,
}) => {
  const guest = await tokenOf(request, 'guest');
  const priya = await tokenOf(request, 'platform-engineer');
  const ours = async () =>
    (await (await request.get(`${API}/environments?entityRef=component:default/${COMPONENT}`, { headers: guest })).json()).items.filter(
      (e: { name: string }) => e.name === APPROVED || e.name === REJECTED,
    );
  // What an interrupted earlier run left (a waiting one is withdrawn by its destroy).
  for (const leftover of await ours()) {
    await request.delete(`${API}/environments/${leftover.id}?confirm=${leftover.name}`, { headers: priya });
  }
  await expect.poll(async () => (await ours()).length, { timeout: 90_000 }).toBe(0);

  const ask = (name: string) =>
    request.post(`${API}/environments`, {
      headers: guest,
      data: {
        name,
        class: 'production',
        owner: 'group:default/checkout-team',
        entityRef: `component:default/${COMPONENT}`,
        reason: 'The payments launch on Monday needs its own database',
        resources: [{ type: 'postgres-database', name: 'ledger' }],
      },
    });
  const asked = await ask(APPROVED);
  expect(asked.status()).toBe(202);
  const waiting = (await asked.json()).environment;
  expect(waiting.status).toBe('awaiting-approval');
  let approvedId: string | undefined = waiting.id;

  try {
    // The guest sees it wait on the card, with who decides and a way to withdraw it.
    await signIn(page, 'Enter');
    await openComponent(page);
    const card = page.getByRole('article', { name: APPROVED });
    await expect(card.getByText('Awaiting approval').first()).toBeVisible();
    // Alone on the card it opens by itself; otherwise its line opens it.
    const toggle = card.getByRole('button', { name: `Details of ${APPROVED}` });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const notice = card.getByRole('status', { name: `Request for ${APPROVED}` });
    await expect(notice).toContainText('waits for approval by');
    await expect(notice).toContainText('Platform team');
    await expect(notice).toContainText('by you');
    await expect(notice.getByRole('button', { name: `Withdraw the request for ${APPROVED}` })).toBeVisible();
    await shot(page, 'approvals-01-guest-card-waiting');

    // Priya, in the same browser, finds it on the Requests page and approves it.
    await signOut(page);
    await signIn(page, 'Sign in as Priya Raman');
    await page.goto('/environments/requests');
    await expect(page.getByRole('heading', { name: 'Waiting for your decision' })).toBeVisible();
    // A row waiting for a decision is the one with the buttons that decide it.
    const toDecide = (name: string) =>
      page.getByRole('row').filter({ hasText: name }).filter({ has: page.getByRole('button', { name: 'Approve' }) });
    const row = toDecide(APPROVED);
    await expect(row).toContainText('The payments launch on Monday');
    await expect(row).toContainText('postgres-database/ledger');
    await shot(page, 'approvals-02-priya-requests-page');
    await row.getByRole('button', { name: 'Approve' }).click();
    await expect(toDecide(APPROVED)).toHaveCount(0);

    const approved = async () =>
      (await (await request.get(`${API}/environments/${approvedId}`, { headers: guest })).json()) as {
        status: string;
        resources: { outputs: { database?: string } }[];
      };
    await expect.poll(async () => (await approved()).status, { timeout: 120_000 }).toBe('ready');
    const database = (await approved()).resources[0].outputs.database!;
    expect(await databaseExists(database)).toBe(true);

    // The second request: rejected with a comment, nothing provisioned.
    const second = await ask(REJECTED);
    expect(second.status()).toBe(202);
    await page.reload();
    const rejectRow = toDecide(REJECTED);
    await expect(rejectRow.getByRole('button', { name: 'Reject' })).toBeDisabled();
    await rejectRow.getByRole('textbox', { name: `Comment on ${REJECTED}` }).fill(COMMENT);
    await rejectRow.getByRole('button', { name: 'Reject' }).click();
    await expect(page.getByRole('row').filter({ hasText: REJECTED }).filter({ hasText: COMMENT })).toHaveCount(1);
    await shot(page, 'approvals-03-priya-rejected');

    // The guest reads why on the card and in a notification.
    await signOut(page);
    await signIn(page, 'Enter');
    await openComponent(page);
    const rejection = page.getByRole('alert', { name: `The request for ${REJECTED} was rejected` });
    await expect(rejection).toContainText(COMMENT);
    await expect(rejection).toContainText('Priya Raman');
    await expect(page.getByRole('article', { name: APPROVED }).getByText('Ready').first()).toBeVisible();
    await expect(page.getByRole('article', { name: REJECTED })).toHaveCount(0);
    await shot(page, 'approvals-04-guest-card-rejected');

    await page.goto('/notifications');
    const notification = page.getByText(`Your request for ${REJECTED} was rejected`).first();
    await expect(notification).toBeVisible();
    await expect(page.getByText(COMMENT).first()).toBeVisible();
    await shot(page, 'approvals-05-guest-notification');

    await request.delete(`${API}/environments/${approvedId}?confirm=${APPROVED}`, { headers: priya });
    approvedId = undefined;
  } finally {
    if (approvedId) {
      await request.delete(`${API}/environments/${approvedId}?confirm=${APPROVED}`, { headers: priya });
    }
  }
});
