import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * Namespaces through GitOps as a developer sees them, in real Chromium against the portal
 * that `npm start` runs: the ephemeral-environment template with a namespace ends in
 * files a `git clone` of platform-gitops shows and a commit link on the card; a quota
 * raised by hand past the baseline is a finding on the card after one reconciler pass; in
 * a class with `drift: restore` the next pass commits the rendering back; destroy removes
 * the files.
 */

const COMPONENT = 'checkout-api';
const PREVIEW = 'gitops-e2e';
const PRODUCTION = 'gitops-prod-e2e';
const BACKEND = 'http://localhost:7007';
const API = `${BACKEND}/api/environments`;
const CLONE_URL = `${BACKEND}/api/local-git/platform-gitops.git`;
// The local git host serves clones over plain HTTP and takes no pushes: a hand edit is
// pushed to the repository on disk, as someone with access to the host would.
const PUSH_URL = path.resolve('.paved/git/platform-gitops.git');
// <component>-<environment>-<resource>, as the gitops module names it.
const namespaceOf = (environment: string) => `${COMPONENT}-${environment}-app`;
const folderOf = (environment: string) =>
  `clusters/local/namespaces/${namespaceOf(environment)}`;

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: `e2e-test-results/screenshots/${name}.png`,
    fullPage: true,
  });

const git = (args: string[], cwd?: string) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'By Hand',
      GIT_AUTHOR_EMAIL: 'hand@example.com',
      GIT_COMMITTER_NAME: 'By Hand',
      GIT_COMMITTER_EMAIL: 'hand@example.com',
    },
  });

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-e2e-gitops-'));
test.afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A fresh clone of platform-gitops over HTTP from the portal's git host. */
function clone(): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'clone-'));
  git(['clone', '--quiet', CLONE_URL, dir]);
  return dir;
}

/** Raises the pods quota of an environment's namespace by hand and pushes the commit. */
function raisePods(environment: string, pods: number): string {
  const work = clone();
  const file = path.join(work, folderOf(environment), 'resourcequota.yaml');
  const rendered = fs.readFileSync(file, 'utf8');
  const edited = rendered.replace(/pods: "\d+"/, `pods: "${pods}"`);
  expect(edited, 'the rendered quota has a pods line').not.toBe(rendered);
  fs.writeFileSync(file, edited);
  git(
    ['commit', '--quiet', '-am', `More pods for ${environment}, by hand`],
    work,
  );
  git(['push', '--quiet', PUSH_URL, 'HEAD:main'], work);
  // What the portal's own commits do, so the next clone over HTTP sees this one.
  git(['--git-dir', PUSH_URL, 'update-server-info']);
  return rendered;
}

async function tokenOf(
  request: APIRequestContext,
  provider: 'guest' | 'platform-engineer',
) {
  const refresh = await request.post(
    `${BACKEND}/api/auth/${provider}/refresh`,
    {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    },
  );
  expect(refresh.status(), `sign-in through ${provider}`).toBe(200);
  return {
    Authorization: `Bearer ${(await refresh.json()).backstageIdentity.token}`,
  };
}

/** One reconciler pass now, instead of waiting for its schedule. */
async function reconcile(
  request: APIRequestContext,
  headers: Record<string, string>,
) {
  const triggered = await request.post(
    `${API}/.backstage/scheduler/v1/tasks/environments-reconciler/trigger`,
    { headers },
  );
  expect(triggered.status()).toBe(200);
}

/** The namespace's card, opened: its outputs and the line of its findings. */
async function openCard(page: Page, environment: string) {
  await page.goto(`/catalog/default/component/${COMPONENT}`);
  await expect(
    page.getByRole('heading', { name: COMPONENT }).first(),
  ).toBeVisible({ timeout: 60_000 });
  const card = page.getByRole('article', { name: environment });
  const toggle = card.getByRole('button', {
    name: `Details of ${environment}`,
  });
  await expect(toggle).toBeVisible();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  return card;
}

test('a namespace from the ephemeral template is in platform-gitops with its commit on the card; a hand-raised quota is a finding, restored in production; destroy removes the files', async ({
  page,
  request,
}) => {
  const guest = await tokenOf(request, 'guest');
  const priya = await tokenOf(request, 'platform-engineer');
  const get = async (id: string) =>
    (await request.get(`${API}/environments/${id}`, { headers: guest })).json();
  const ours = async () =>
    (
      await (
        await request.get(
          `${API}/environments?entityRef=component:default/${COMPONENT}`,
          { headers: guest },
        )
      ).json()
    ).items.filter(
      (e: { name: string; status: string }) =>
        (e.name === PREVIEW || e.name === PRODUCTION) &&
        e.status !== 'destroyed',
    );
  // What an interrupted earlier run left.
  for (const leftover of await ours()) {
    await request.delete(
      `${API}/environments/${leftover.id}?confirm=${leftover.name}`,
      { headers: priya },
    );
  }
  await expect
    .poll(async () => (await ours()).length, { timeout: 120_000 })
    .toBe(0);

  // The golden path, through the scaffolder's API as the form would submit it.
  const task = await request.post(`${BACKEND}/api/scaffolder/v2/tasks`, {
    headers: guest,
    data: {
      templateRef: 'template:default/paved-ephemeral-environment',
      values: {
        component: `component:default/${COMPONENT}`,
        owner: 'group:default/checkout-team',
        name: PREVIEW,
        ttl: '4h',
        database: false,
        namespace: true,
      },
    },
  });
  expect(task.status()).toBe(201);
  const taskId = (await task.json()).id;
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(`${BACKEND}/api/scaffolder/v2/tasks/${taskId}`, {
              headers: guest,
            })
          ).json()
        ).status,
      {
        timeout: 120_000,
      },
    )
    .toBe('completed');
  const preview = (await ours()).find(
    (e: { name: string }) => e.name === PREVIEW,
  );
  expect(preview, 'the template created the preview').toBeTruthy();
  await expect
    .poll(async () => (await get(preview.id)).status, { timeout: 120_000 })
    .toBe('ready');
  const outputs = (await get(preview.id)).resources[0].outputs;
  expect(outputs).toMatchObject({
    namespace: namespaceOf(PREVIEW),
    cluster: 'local',
    path: `${folderOf(PREVIEW)}/`,
  });

  // The files, as anyone who clones the repository sees them.
  const first = clone();
  for (const file of [
    'kustomization.yaml',
    'namespace.yaml',
    'resourcequota.yaml',
    'limitrange.yaml',
    'networkpolicy.yaml',
    'rolebinding.yaml',
  ]) {
    expect(fs.existsSync(path.join(first, folderOf(PREVIEW), file)), file).toBe(
      true,
    );
  }
  expect(
    fs.readFileSync(
      path.join(first, 'clusters/local/namespaces/kustomization.yaml'),
      'utf8',
    ),
  ).toContain(namespaceOf(PREVIEW));
  expect(
    git(['log', '-1', '--format=%H', '--', folderOf(PREVIEW)], first)
      .trim()
      .slice(0, 12),
  ).toBe(outputs.commit);

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('heading', { name: 'Example Org Catalog' }),
  ).toBeVisible({ timeout: 60_000 });
  let card = await openCard(page, PREVIEW);
  await expect(
    card.getByText(namespaceOf(PREVIEW), { exact: true }),
  ).toBeVisible();
  // An external link's name ends in ", Opens in a new window".
  const commitLink = card.getByRole('link', {
    name: new RegExp(`^${outputs.commit}\\b`),
  });
  await expect(commitLink).toHaveAttribute('href', outputs.commitUrl);
  await expect(
    card.getByText('unknown: no cluster configured', { exact: true }),
  ).toBeVisible();
  await shot(page, 'gitops-01-card-namespace-commit');

  // A hand edit past the preview baseline (at most 20 pods), seen by one pass.
  raisePods(PREVIEW, 500);
  await reconcile(request, guest);
  await expect
    .poll(async () => (await get(preview.id)).status, { timeout: 60_000 })
    .toBe('degraded');
  card = await openCard(page, PREVIEW);
  const findingsLine = card.getByRole('button', {
    name: new RegExp(`^Baseline findings of ${PREVIEW}: `),
  });
  await expect(findingsLine).toBeVisible();
  await findingsLine.click();
  const dialog = page.getByRole('dialog', {
    name: `Baseline findings of ${PREVIEW}`,
  });
  const findings = dialog.getByRole('list', { name: 'Open findings' });
  await expect(findings).toContainText('kubernetes.quota');
  await expect(findings).toContainText('500');
  await expect(findings).toContainText(
    `${folderOf(PREVIEW)}/resourcequota.yaml`,
  );
  await shot(page, 'gitops-02-finding-quota-raised');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Production restores drift: asked by the guest, approved by Priya, edited by hand.
  const asked = await request.post(`${API}/environments`, {
    headers: guest,
    data: {
      name: PRODUCTION,
      class: 'production',
      owner: 'group:default/checkout-team',
      entityRef: `component:default/${COMPONENT}`,
      reason: 'Checkout goes live behind its own namespace',
      resources: [{ type: 'kubernetes-namespace', name: 'app' }],
    },
  });
  expect(asked.status()).toBe(202);
  const askedBody = await asked.json();
  const production = askedBody.environment;
  const requests = (
    await (await request.get(`${API}/requests`, { headers: priya })).json()
  ).items;
  const requestId = requests.find(
    (r: { environmentId: string }) => r.environmentId === production.id,
  )?.id;
  expect(requestId, 'the production request waits for a decision').toBeTruthy();
  const decided = await request.post(`${API}/requests/${requestId}/decision`, {
    headers: priya,
    data: { decision: 'approve' },
  });
  expect(decided.status()).toBeLessThan(300);
  await expect
    .poll(async () => (await get(production.id)).status, { timeout: 120_000 })
    .toBe('ready');
  const rendered = raisePods(PRODUCTION, 500);
  await reconcile(request, guest);
  const restoredFile = () =>
    fs.readFileSync(
      path.join(clone(), folderOf(PRODUCTION), 'resourcequota.yaml'),
      'utf8',
    );
  await expect.poll(restoredFile, { timeout: 120_000 }).toBe(rendered);
  const restoreCommit = git(
    ['log', '-1', '--format=%an %s', '--', folderOf(PRODUCTION)],
    clone(),
  ).trim();
  expect(restoreCommit).not.toContain('By Hand');
  // The pass after the restoring commit finds the files as rendered: the findings resolve.
  const openFindings = async () =>
    (
      await (
        await request.get(`${API}/environments/${production.id}/findings`, {
          headers: guest,
        })
      ).json()
    ).items.filter((f: { resolvedAt?: string }) => !f.resolvedAt).length;
  await expect
    .poll(
      async () => {
        await reconcile(request, guest);
        return openFindings();
      },
      { timeout: 120_000, intervals: [5_000] },
    )
    .toBe(0);
  card = await openCard(page, PRODUCTION);
  await expect(
    card.getByText(namespaceOf(PRODUCTION), { exact: true }),
  ).toBeVisible();
  await shot(page, 'gitops-03-production-restored');

  // Destroy: the files and the kustomization entry are gone from the repository.
  for (const environment of [preview, production]) {
    const destroyed = await request.delete(
      `${API}/environments/${environment.id}?confirm=${environment.name}`,
      { headers: priya },
    );
    expect(destroyed.status()).toBe(202);
  }
  await expect
    .poll(async () => (await ours()).length, { timeout: 120_000 })
    .toBe(0);
  const after = clone();
  expect(fs.existsSync(path.join(after, folderOf(PREVIEW)))).toBe(false);
  expect(fs.existsSync(path.join(after, folderOf(PRODUCTION)))).toBe(false);
  expect(
    fs.readFileSync(
      path.join(after, 'clusters/local/namespaces/kustomization.yaml'),
      'utf8',
    ),
  ).not.toContain(PREVIEW);
  await page.goto(`/catalog/default/component/${COMPONENT}`);
  await expect(page.getByRole('article', { name: PREVIEW })).toHaveCount(0, {
    timeout: 60_000,
  });
  await shot(page, 'gitops-04-destroyed');
});
