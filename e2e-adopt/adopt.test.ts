import { APIRequestContext, expect, test } from '@playwright/test';

/*
 * What an adopter sees after following the READMEs in a new app of the oldest supported
 * Backstage release: every Paved plugin answers, an environment with a PostgreSQL database
 * on the embedded target becomes ready, the catalog holds it as an Environment entity, and
 * the component's page shows it on the card. The component and its owner group are the
 * example data @backstage/create-app generates.
 */

const BASE = process.env.ADOPT_BASE_URL ?? '';
const COMPONENT = 'example-website';
const OWNER = 'group:default/guests';
const ENVIRONMENT = 'adopt-check';
/** The actions the two scaffolder modules' READMEs list. */
const PAVED_ACTIONS = [
  'paved:environment:create',
  'paved:environment:plan',
  'paved:resource:provision',
  'paved:environment:extend',
  'paved:environment:destroy',
  'paved:git:publish',
];

type Class = {
  name: string;
  lifecycle: string;
  resourceTypes: string[];
  ttl?: { default: string };
};

async function guestHeaders(request: APIRequestContext) {
  const refresh = await request.post(`${BASE}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.status(), 'guest sign-in').toBe(200);
  return {
    Authorization: `Bearer ${(await refresh.json()).backstageIdentity.token}`,
  };
}

test('Paved installed from its READMEs works in a new Backstage app', async ({
  page,
  request,
}) => {
  expect(BASE, 'ADOPT_BASE_URL: run this through npm test -- adopt').not.toBe(
    '',
  );
  const headers = await guestHeaders(request);
  const get = async (path: string) => {
    const response = await request.get(`${BASE}${path}`, { headers });
    expect(response.status(), `GET ${path}`).toBe(200);
    return response.json();
  };
  let preview: Class | undefined;

  await test.step('the backend is ready and each Paved plugin answers', async () => {
    expect(
      (await request.get(`${BASE}/.backstage/health/v1/readiness`)).status(),
    ).toBe(200);
    const classes: Class[] = (await get('/api/environments/classes')).items;
    preview = classes.find(c => c.resourceTypes.includes('postgres-database'));
    expect(preview, 'a class with postgres-database resources').toBeDefined();
    expect((await get('/api/local-git/')).items).toEqual(expect.any(Array));
  });

  await test.step('the paved:* scaffolder actions are listed', async () => {
    const actions: { id: string }[] = await get('/api/scaffolder/v2/actions');
    const ids = actions.map(a => a.id).filter(id => id.startsWith('paved:'));
    expect(ids.sort()).toEqual([...PAVED_ACTIONS].sort());
  });

  await test.step('an environment with a PostgreSQL database becomes ready', async () => {
    // The catalog reads the example data shortly after start.
    await expect
      .poll(
        async () =>
          (
            await request.get(
              `${BASE}/api/catalog/entities/by-name/component/default/${COMPONENT}`,
              { headers },
            )
          ).status(),
        { timeout: 60_000 },
      )
      .toBe(200);
    const created = await request.post(
      `${BASE}/api/environments/environments`,
      {
        headers,
        data: {
          name: ENVIRONMENT,
          class: preview!.name,
          owner: OWNER,
          entityRef: `component:default/${COMPONENT}`,
          ...(preview!.lifecycle === 'ephemeral'
            ? { ttl: preview!.ttl?.default }
            : {}),
          resources: [{ type: 'postgres-database', name: 'main' }],
        },
      },
    );
    expect(created.status(), await created.text()).toBe(202);
    const { id } = (await created.json()).environment;
    await expect
      .poll(
        async () => (await get(`/api/environments/environments/${id}`)).status,
        { timeout: 120_000 },
      )
      .toBe('ready');
    const [database] = (await get(`/api/environments/environments/${id}`))
      .resources;
    expect(database.outputs).toEqual(
      expect.objectContaining({
        host: 'localhost',
        database: expect.any(String),
      }),
    );
  });

  await test.step('the catalog holds it as an Environment entity', async () => {
    await expect
      .poll(
        async () =>
          (
            await get('/api/catalog/entities/by-query?filter=kind=environment')
          ).items.map((e: { metadata: { name: string } }) => e.metadata.name),
        { timeout: 60_000 },
      )
      .toContain(`${COMPONENT}-${ENVIRONMENT}`);
  });

  await test.step("the component's page shows it on the card, first", async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.goto(`/catalog/default/component/${COMPONENT}`);
    const card = page.getByRole('article', { name: ENVIRONMENT });
    await expect(card).toBeVisible({ timeout: 60_000 });
    await expect(card.getByText('Ready', { exact: true })).toBeVisible();
    await expect(card).toContainText('main');
    // The README's app-config entry puts the card before the catalog's own cards.
    const cardTop = (await card.boundingBox())!.y;
    const catalogCard = page.getByRole('heading', {
      name: 'Has subcomponents',
    });
    expect(cardTop).toBeLessThan((await catalogCard.boundingBox())!.y);
    await page.screenshot({
      path: 'e2e-test-results/adopt/component-card.png',
    });
  });
});
