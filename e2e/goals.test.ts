import { APIRequestContext, expect, Page, test } from '@playwright/test';

/*
 * The shared goals in real Chromium against the portal that `npm start` runs: the Goals
 * tab lists the goals shipped in app-config.yaml, each with a value and a chart of its
 * last 90 days (example history on a first start); one opens with its breakdown; the
 * checkout team's page shows its environments and the budget goal it owns.
 */

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: `e2e-test-results/screenshots/${name}.png`,
    fullPage: true,
  });

const SHIPPED = [
  'Production environments meet their baseline',
  'A development environment is ready within 15 minutes of the request',
  'Most environments come from a golden path',
  'Previews clean up after themselves',
  "Checkout's environments stay within 600 USD a month",
];
const BUDGET = "Checkout's environments stay within 600 USD a month";
const BACKEND = 'http://localhost:7007';
const API = `${BACKEND}/api/environments`;
const OWNER = 'group:default/checkout-team';
// A preview of the checkout team's, so its card has an environment to count.
const PREVIEW = 'goals-e2e';

async function guestToken(request: APIRequestContext) {
  const refresh = await request.post(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.status(), 'guest sign-in').toBe(200);
  return {
    Authorization: `Bearer ${(await refresh.json()).backstageIdentity.token}`,
  };
}

test('the Goals tab shows the shipped goals with values and charts, opens one, and the team page shows its card', async ({
  page,
  request,
}) => {
  const guest = await guestToken(request);
  const ours = async () =>
    (
      await (
        await request.get(`${API}/environments?owner=${OWNER}`, {
          headers: guest,
        })
      ).json()
    ).items.filter((e: { name: string }) => e.name === PREVIEW);
  for (const leftover of await ours()) {
    await request.delete(`${API}/environments/${leftover.id}`, {
      headers: guest,
    });
  }
  await expect
    .poll(async () => (await ours()).length, { timeout: 60_000 })
    .toBe(0);
  const created = await request.post(`${API}/environments`, {
    headers: guest,
    data: {
      name: PREVIEW,
      class: 'preview',
      owner: OWNER,
      entityRef: 'component:default/checkout-api',
      resources: [],
    },
  });
  expect(created.status()).toBe(202);
  const previewId = (await created.json()).environment.id;

  try {
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await expect(
      page.getByRole('heading', { name: 'Example Org Catalog' }),
    ).toBeVisible({ timeout: 60_000 });

    await page.goto('/environments/goals');
    await expect(page.getByRole('tab', { name: 'Goals' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    for (const title of SHIPPED) {
      const goal = page.getByRole('article', { name: title });
      await expect(goal).toBeVisible();
      // A value in the goal's unit, or "no data" while nothing is in scope; either way a chart.
      await expect(goal.getByText('Now')).toBeVisible();
      await expect(
        goal
          .getByText(
            /^(\d[\d.,]*%|\d+ min|[\d.]+ h|[\d.]+ days|\$[\d,]+|\d+|no data)$/,
          )
          .first(),
      ).toBeVisible();
      await expect(
        goal.getByText(/^(Reached|On track|Off track|Missed|No data)$/),
      ).toBeVisible();
      await expect(
        goal.locator('svg.recharts-surface path.recharts-curve').first(),
      ).toBeAttached();
    }
    // The budget goal measures money on the example data.
    await expect(
      page
        .getByRole('article', { name: BUDGET })
        .getByText(/^\$[\d,]+$/)
        .first(),
    ).toBeVisible();
    await shot(page, 'goals-01');

    await page.getByRole('link', { name: BUDGET }).click();
    await expect(page).toHaveURL(
      /\/environments\/goals\?goal=checkout-budget$/,
    );
    await expect(page.getByRole('heading', { name: BUDGET })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Per team' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Per class' })).toBeVisible();
    await expect(
      page.getByRole('region', {
        name: /^(Holding it back|What weighs on it most)$/,
      }),
    ).toBeVisible();
    await expect(
      page.locator('svg.recharts-surface path.recharts-curve').first(),
    ).toBeAttached();
    // The click left the pointer over the chart; its tooltip would hide the line.
    await page.mouse.move(0, 0);
    await shot(page, 'goals-02');

    // checkout-team owns the budget goal (examples/org.yaml, app-config.yaml).
    await expect
      .poll(
        async () =>
          (
            await (
              await request.get(`${API}/environments/${previewId}`, {
                headers: guest,
              })
            ).json()
          ).status,
        { timeout: 60_000 },
      )
      .toBe('ready');
    await page.goto('/catalog/default/group/checkout-team');
    const card = page.getByRole('list', { name: 'Goals' });
    await expect(page.getByText('Environments and goals')).toBeVisible({
      timeout: 60_000,
    });
    await expect(card.getByRole('link', { name: BUDGET })).toHaveAttribute(
      'href',
      '/environments/goals?goal=checkout-budget',
    );
    await expect(
      card.locator('svg.recharts-surface path.recharts-curve').first(),
    ).toBeAttached();
    await expect(
      page
        .getByRole('list', { name: 'Environments by tier' })
        .getByRole('link', { name: /preview environments?$/ }),
    ).toBeVisible();
    await expect(page.getByText(/^\$[\d,]+\/month estimated$/)).toBeVisible();
    await expect(
      page.getByText(/^Budget: \$[\d,]+ of \$600 a month/),
    ).toBeVisible();
    await page.getByText('Environments and goals').scrollIntoViewIfNeeded();
    await shot(page, 'group-card');
  } finally {
    await request.delete(`${API}/environments/${previewId}`, {
      headers: guest,
    });
  }
});
