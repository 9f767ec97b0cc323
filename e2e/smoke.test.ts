import { expect, Page, test } from '@playwright/test';

/** Screenshots a person can look at after the run (git-ignored). */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-test-results/screenshots/${name}.png` });

test('a newcomer signs in as guest, finds a component and reads its docs', async ({
  page,
}) => {
  await page.goto('/');
  await shot(page, '01-sign-in');
  await page.getByRole('button', { name: 'Enter' }).click();

  // The catalog is the landing page and lists the example components the guest's teams own.
  const catalog = page.getByRole('table');
  for (const name of [
    'checkout-api',
    'payments-worker',
    'storefront-web',
    'product-catalog',
  ]) {
    await expect(catalog.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await shot(page, '02-catalog');

  await catalog.getByRole('link', { name: 'checkout-api', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'checkout-api' })).toBeVisible();
  await expect(page.getByText('checkout-team').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(
    page.getByText('HTTP API that turns a basket into an order'),
  ).toBeVisible();
  await shot(page, '03-component');

  // The first visit builds the site with mkdocs, then the reader renders it.
  await page.getByRole('link', { name: 'TechDocs', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'Running it locally' }),
  ).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('turns a shopper\'s basket into an order')).toBeVisible();
  await shot(page, '04-techdocs');
});
