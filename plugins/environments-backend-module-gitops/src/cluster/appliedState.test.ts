import { ConfigReader } from '@backstage/config';
import {
  LocalGitRepositories,
  LocalGitUrls,
} from '@paved/plugin-local-git-backend';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitopsProvider } from '../GitopsProvider';
import { readGitopsTargets } from '../readGitopsTargets';
import {
  BASE_URL,
  git,
  logger,
  newResource,
} from '../__testUtils__/gitFixtures';
import {
  ARGOCD_PATH,
  FLUX_PATH,
  recorded,
  startRecordedKubernetesApi,
  status,
} from '../__testUtils__/recordedKubernetesApi';

/*
 * The applied state each namespace's observation carries, read from the cluster's Flux or
 * Argo CD: real git repositories, and a recorded Kubernetes API on a local port.
 */

const first = newResource();
const second = newResource({
  id: '3f1c9a52-0000-4000-8000-000000000002',
  environmentName: 'pr-43',
});

let api: Awaited<ReturnType<typeof startRecordedKubernetesApi>>;
let root: string;
beforeEach(async () => {
  api = await startRecordedKubernetesApi();
  root = mkdtempSync(join(tmpdir(), 'paved-gitops-cluster-'));
});
afterEach(async () => {
  await api.stop();
  rmSync(root, { recursive: true, force: true });
});

/** A provider with target `local` and this `kubernetes` block, and two namespaces committed. */
async function start(kubernetes?: object) {
  const repositories = new LocalGitRepositories(join(root, 'git'));
  const targets = readGitopsTargets(
    new ConfigReader({
      environments: {
        providers: {
          gitops: {
            targets: {
              local: {
                localGit: { repository: 'platform-gitops' },
                ...(kubernetes && { kubernetes }),
              },
            },
          },
        },
      },
    }),
  );
  const provider = await GitopsProvider.create({
    targets,
    localGit: { repositories, urls: new LocalGitUrls(BASE_URL) },
    logger,
  });
  const gitDir = repositories.gitDir('platform-gitops');
  const apply = (resource: typeof first) =>
    provider.apply({
      target: 'local',
      resource,
      spec: provider.validateSpec({}),
      operation: {
        id: `op-${resource.id}`,
        type: 'create',
        requestedBy: 'user:default/guest',
      },
      logger,
    });
  const applied = await apply(first);
  const older = git(['--git-dir', gitDir, 'rev-parse', 'main']).trim();
  await apply(second);
  const head = git(['--git-dir', gitDir, 'rev-parse', 'main']).trim();
  const observe = async () =>
    provider.observe({
      target: 'local',
      resources: [first, second].map(resource => ({
        resource,
        spec: provider.validateSpec({}),
      })),
      logger,
    });
  const appliedStates = async () =>
    (await observe()).map(o => o.observed.appliedState);
  return { outputs: applied.outputs, older, head, observe, appliedStates };
}

const flux = (sync: object = { name: 'namespaces' }) => ({
  url: api.url,
  token: 'recorded-token',
  caData: api.caData,
  flux: sync,
});
const argocd = () => ({
  url: api.url,
  token: 'recorded-token',
  caData: api.caData,
  argocd: { name: 'namespaces' },
});
const short = (commit: string) => commit.slice(0, 12);
const KUSTOMIZATION = 'Flux Kustomization flux-system/namespaces';
const APPLICATION = 'Argo CD Application argocd/namespaces';

describe('applied state from Flux (recorded Kubernetes API)', () => {
  it('says applied at the head and Ready, with one request per observe and the token sent', async () => {
    const { head, appliedStates } = await start(flux());
    api.answer(
      `${FLUX_PATH}/namespaces`,
      recorded('flux-kustomization-ready', { applied: head }),
    );

    const words = `applied ${short(head)}; ${KUSTOMIZATION}: Ready`;
    expect(await appliedStates()).toEqual([words, words]);
    expect(api.requests).toEqual([
      {
        path: `${FLUX_PATH}/namespaces`,
        authorization: 'Bearer recorded-token',
      },
    ]);
  });

  it('says which namespaces the cluster has not applied yet when it is behind the branch', async () => {
    const { older, appliedStates } = await start(flux());
    api.answer(
      `${FLUX_PATH}/namespaces`,
      recorded('flux-kustomization-ready', { applied: older }),
    );

    expect(await appliedStates()).toEqual([
      // Committed before the cluster's revision: applied, though the branch moved on.
      `applied ${short(older)}; ${KUSTOMIZATION}: Ready`,
      `not yet applied (cluster at ${short(older)}); ${KUSTOMIZATION}: Ready`,
    ]);
  });

  it("says Flux's error when the last attempt failed", async () => {
    const { older, head, appliedStates } = await start(flux());
    api.answer(
      `${FLUX_PATH}/namespaces`,
      recorded('flux-kustomization-build-failed', {
        applied: older,
        attempted: head,
      }),
    );

    const [, second_] = await appliedStates();
    expect(second_).toBe(
      `not yet applied (cluster at ${short(
        older,
      )}); ${KUSTOMIZATION}: not Ready (attempted ${short(
        head,
      )}): BuildFailed: kustomization path not found: stat /tmp/kustomization-2870542186/clusters/local/namespaces/pr-42-app: no such file or directory`,
    );
  });

  it('says a first reconciliation is in progress', async () => {
    const { appliedStates } = await start(flux());
    api.answer(
      `${FLUX_PATH}/namespaces`,
      recorded('flux-kustomization-progressing'),
    );

    expect((await appliedStates())[0]).toBe(
      `not yet applied (nothing applied yet); ${KUSTOMIZATION}: progressing: Progressing: Reconciliation in progress`,
    );
  });

  it("without a name, lists the Kustomizations and takes the one whose path covers the namespaces' folder", async () => {
    const { head, appliedStates } = await start(flux({}));
    api.answer(
      FLUX_PATH,
      recorded('flux-kustomization-list', { applied: head }),
    );

    expect((await appliedStates())[0]).toBe(
      // flux-system applies ./clusters/local, the folder above; apps applies ./apps/local.
      `applied ${short(
        head,
      )}; Flux Kustomization flux-system/flux-system: Ready`,
    );
    expect(api.requests.map(r => r.path)).toEqual([FLUX_PATH]);
  });
});

describe('applied state from Argo CD (recorded Kubernetes API)', () => {
  it('says applied and Synced, Healthy', async () => {
    const { head, appliedStates } = await start(argocd());
    api.answer(
      `${ARGOCD_PATH}/namespaces`,
      recorded('argocd-application-synced', { applied: head }),
    );

    expect((await appliedStates())[0]).toBe(
      `applied ${short(head)}; ${APPLICATION}: Synced, Healthy`,
    );
    expect(api.requests).toHaveLength(1);
  });

  it('says OutOfSync, with the cluster at its last synced commit', async () => {
    const { older, head, appliedStates } = await start(argocd());
    api.answer(
      `${ARGOCD_PATH}/namespaces`,
      recorded('argocd-application-outofsync', {
        applied: older,
        attempted: head,
      }),
    );

    expect(await appliedStates()).toEqual([
      `applied ${short(older)}; ${APPLICATION}: OutOfSync, Healthy`,
      `not yet applied (cluster at ${short(
        older,
      )}); ${APPLICATION}: OutOfSync, Healthy`,
    ]);
  });

  it("says the failed sync's message", async () => {
    const { older, head, appliedStates } = await start(argocd());
    api.answer(
      `${ARGOCD_PATH}/namespaces`,
      recorded('argocd-application-sync-failed', {
        applied: older,
        attempted: head,
      }),
    );

    expect((await appliedStates())[1]).toBe(
      `not yet applied (cluster at ${short(
        older,
      )}); ${APPLICATION}: OutOfSync, Missing: sync failed: one or more objects failed to apply, reason: resourcequotas "pr-42-app" is forbidden: exceeded quota: namespace-quotas, requested: pods=500, limited: pods=100 (retried 5 times).`,
    );
  });

  it('says what a sync under way waits for', async () => {
    const { head, appliedStates } = await start(argocd());
    api.answer(
      `${ARGOCD_PATH}/namespaces`,
      recorded('argocd-application-progressing', { applied: head }),
    );

    expect((await appliedStates())[0]).toBe(
      `applied ${short(
        head,
      )}; ${APPLICATION}: Synced, Progressing: waiting for healthy state of /Namespace/pr-42-app`,
    );
  });
});

describe('applied state when the cluster cannot be read', () => {
  it('says an unreachable cluster in words, and the rest of the observation is there', async () => {
    const { observe } = await start({
      url: 'https://127.0.0.1:1',
      token: 't',
      skipTLSVerify: true,
      flux: { name: 'namespaces' },
    });

    const [observation] = await observe();
    expect(observation.observed.appliedState).toMatch(
      /^unknown: cannot reach https:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
    expect(observation).toMatchObject({
      exists: true,
      observed: { files: [] },
    });
  });

  it('says a missing Kustomization and a refused token (recorded Kubernetes API)', async () => {
    const { appliedStates } = await start(flux());
    expect((await appliedStates())[0]).toBe(
      `unknown: ${KUSTOMIZATION} not found on ${api.url} (the server could not find ${FLUX_PATH}/namespaces)`,
    );

    api.answer(
      `${FLUX_PATH}/namespaces`,
      status(
        403,
        'Forbidden',
        'kustomizations.kustomize.toolkit.fluxcd.io "namespaces" is forbidden: User "system:serviceaccount:paved:portal" cannot get resource "kustomizations" in API group "kustomize.toolkit.fluxcd.io" in the namespace "flux-system"',
      ),
      403,
    );
    expect((await appliedStates())[0]).toBe(
      `unknown: ${api.url} refused to read ${KUSTOMIZATION} (403: kustomizations.kustomize.toolkit.fluxcd.io "namespaces" is forbidden: User "system:serviceaccount:paved:portal" cannot get resource "kustomizations" in API group "kustomize.toolkit.fluxcd.io" in the namespace "flux-system"); check the token and its RBAC`,
    );
  });

  it('says when no listed Kustomization applies the folder (recorded Kubernetes API)', async () => {
    const { head, appliedStates } = await start(flux({}));
    const list = recorded('flux-kustomization-list', { applied: head }) as any;
    list.items = list.items.slice(1);
    api.answer(FLUX_PATH, list);

    expect((await appliedStates())[0]).toMatch(
      /^unknown: Flux Kustomization flux-system\/apps applies apps\/local\/, not clusters\/local\/namespaces\/[a-z0-9-]*pr-42-app\/$/,
    );
  });
});

describe('applied state in the outputs', () => {
  it('without a cluster, says none is configured and observes no applied state', async () => {
    const { outputs, observe } = await start();
    expect(outputs.appliedState).toBe('unknown: no cluster configured');
    expect((await observe())[0].observed).not.toHaveProperty('appliedState');
  });

  it('with a cluster, says the reconciler reads it, until it has', async () => {
    const { outputs } = await start(flux());
    expect(outputs.appliedState).toBe(
      'unknown: read from the cluster on the next reconciler pass',
    );
  });
});
