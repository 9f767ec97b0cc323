import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  git,
  logger,
  newResource,
  startGitops,
} from './__testUtils__/gitFixtures';

const FOLDER = 'clusters/local/namespaces/checkout-api-pr-42-app';
const operation = (
  id: string,
  type: 'create' | 'update' | 'destroy' = 'create',
) => ({
  id,
  type,
  requestedBy: 'user:default/guest',
});

let fixture: Awaited<ReturnType<typeof startGitops>>;
beforeEach(async () => {
  fixture = await startGitops();
});
afterEach(() => fixture.cleanup());

async function apply(spec: object = {}, op = operation('op-1')) {
  const { provider } = fixture;
  return provider.apply({
    target: 'local',
    resource: newResource(),
    spec: provider.validateSpec(spec),
    operation: op,
    logger,
  });
}

async function observe(spec: object = {}) {
  const { provider } = fixture;
  const [observation] = await provider.observe({
    target: 'local',
    resources: [{ resource: newResource(), spec: provider.validateSpec(spec) }],
    logger,
  });
  return observation;
}

describe('GitopsProvider on a real git repository', () => {
  it('creates the repository at start and commits the namespace as the requesting user', async () => {
    expect(existsSync(join(fixture.gitDir, 'HEAD'))).toBe(true);
    const { outputs } = await apply();

    const clone = fixture.clone();
    expect(readdirSync(join(clone, FOLDER)).sort()).toEqual([
      'kustomization.yaml',
      'limitrange.yaml',
      'namespace.yaml',
      'networkpolicy.yaml',
      'resourcequota.yaml',
      'rolebinding.yaml',
    ]);
    expect(
      readFileSync(
        join(clone, 'clusters/local/namespaces/kustomization.yaml'),
        'utf8',
      ),
    ).toContain('  - checkout-api-pr-42-app\n');
    expect(git(['log', '-1', '--format=%an|%s'], clone).trim()).toBe(
      'user:default/guest|Add namespace checkout-api-pr-42-app',
    );
    expect(git(['log', '-1', '--format=%B'], clone)).toContain(
      'Paved-Operation: op-1',
    );
    const head = git(['rev-parse', 'HEAD'], clone).trim();
    expect(outputs).toEqual({
      namespace: 'checkout-api-pr-42-app',
      cluster: 'local',
      repository: 'http://localhost:7007/api/local-git/platform-gitops.git',
      path: `${FOLDER}/`,
      commit: head.slice(0, 12),
      commitUrl: `http://localhost:7007/api/local-git/platform-gitops/tree/${head}/${FOLDER}/`,
      appliedState: 'unknown: no cluster configured',
    });
  });

  it('makes one commit per operation, however often it is retried', async () => {
    const first = await apply({ quota: { pods: 10 } });
    // The same operation again (a crash after the commit, before it was recorded), even
    // with the repository moved on since.
    fixture.editByHand('README.md', () => 'Namespaces of the local cluster\n');
    const count = fixture.commitCount();
    const again = await apply({ quota: { pods: 10 } });
    expect(again.outputs).toEqual(first.outputs);
    expect(fixture.commitCount()).toBe(count);

    // Another operation with the same desired state changes nothing, so commits nothing.
    await apply({ quota: { pods: 10 } }, operation('op-2', 'update'));
    expect(fixture.commitCount()).toBe(count);
    // One that changes it commits once.
    await apply({ quota: { pods: 12 } }, operation('op-3', 'update'));
    await apply({ quota: { pods: 12 } }, operation('op-3', 'update'));
    expect(fixture.commitCount()).toBe(count + 1);
  });

  it('destroys by removing the files and the kustomization entry, leaving no file', async () => {
    await apply();
    const other = newResource({ id: 'other', environmentName: 'pr-43' });
    await fixture.provider.apply({
      target: 'local',
      resource: other,
      spec: fixture.provider.validateSpec({}),
      logger,
    });
    const destroy = () =>
      fixture.provider.destroy({
        target: 'local',
        resource: newResource(),
        operation: operation('op-9', 'destroy'),
        logger,
      });
    await destroy();
    const count = fixture.commitCount();
    await destroy();
    expect(fixture.commitCount()).toBe(count);

    const clone = fixture.clone();
    expect(existsSync(join(clone, FOLDER))).toBe(false);
    const parent = readFileSync(
      join(clone, 'clusters/local/namespaces/kustomization.yaml'),
      'utf8',
    );
    expect(parent).not.toContain('checkout-api-pr-42-app');
    expect(parent).toContain('  - checkout-api-pr-43-app\n');
    expect(git(['log', '-1', '--format=%s'], clone).trim()).toBe(
      'Remove namespace checkout-api-pr-42-app',
    );
  });

  it('finds nothing to report while the files are as rendered', async () => {
    await apply();
    const observation = await observe();
    expect(observation.exists).toBe(true);
    expect(observation.observed).toMatchObject({
      namespace: 'checkout-api-pr-42-app',
      files: [],
      quota: { cpu: '2', memory: '4Gi', pods: 20 },
      containerLimits: true,
      defaultDeny: true,
      roles: ['edit'],
      ownerLabel: 'checkout-team',
    });
  });

  it('reports a hand edit with its file and line, and an apply restores the rendering', async () => {
    await apply();
    const quotaFile = `${FOLDER}/resourcequota.yaml`;
    const rendered = readFileSync(join(fixture.clone(), quotaFile), 'utf8');
    fixture.editByHand(quotaFile, text =>
      text!.replace('pods: "20"', 'pods: "500"'),
    );
    fixture.editByHand(`${FOLDER}/networkpolicy.yaml`, () => null);
    fixture.editByHand(`${FOLDER}/extra.yaml`, () => 'kind: ConfigMap\n');

    const observation = await observe();
    const line = rendered.split('\n').findIndex(l => l.includes('pods:')) + 1;
    expect(observation.observed.files).toEqual([
      { path: `${FOLDER}/extra.yaml`, change: 'added', line: 1 },
      { path: `${FOLDER}/networkpolicy.yaml`, change: 'deleted', line: 1 },
      { path: quotaFile, change: 'edited', line },
    ]);
    expect(observation.observed).toMatchObject({
      quota: { pods: 500 },
      defaultDeny: false,
    });

    // What a restore does: the reconciler's update re-applies the desired spec.
    await fixture.provider.apply({
      target: 'local',
      resource: newResource(),
      spec: fixture.provider.validateSpec({}),
      operation: {
        id: 'restore-1',
        type: 'update',
        requestedBy: 'paved:reconciler',
      },
      logger,
    });
    const clone = fixture.clone();
    expect(readFileSync(join(clone, quotaFile), 'utf8')).toBe(rendered);
    expect(existsSync(join(clone, FOLDER, 'extra.yaml'))).toBe(false);
    expect(git(['log', '-1', '--format=%an'], clone).trim()).toBe(
      'Paved reconciler',
    );
    expect((await observe()).observed.files).toEqual([]);
  });

  it('reads the repository once per commit, however many namespaces and batches', async () => {
    const resources = Array.from({ length: 30 }, (_, i) =>
      newResource({ id: `r-${i}`, environmentName: `env-${i}` }),
    );
    const spec = fixture.provider.validateSpec({});
    for (const resource of resources.slice(0, 3)) {
      await fixture.provider.apply({ target: 'local', resource, spec, logger });
    }
    const target = (fixture.provider as any).targets.get('local');
    const before = target.repository.reads;
    for (let i = 0; i < resources.length; i += 10) {
      await fixture.provider.observe({
        target: 'local',
        resources: resources
          .slice(i, i + 10)
          .map(resource => ({ resource, spec })),
        logger,
      });
    }
    expect(target.repository.reads - before).toBe(1);
  });

  it('observes a namespace the same at a commit that did not touch its files, and anew at one that did', async () => {
    await apply();
    const before = await observe();
    // Another namespace added: a new head, the same files for this one.
    await fixture.provider.apply({
      target: 'local',
      resource: newResource({ id: 'r-2', environmentName: 'pr-43' }),
      spec: fixture.provider.validateSpec({}),
      logger,
    });
    expect(await observe()).toEqual(before);

    fixture.editByHand(`${FOLDER}/resourcequota.yaml`, text =>
      text!.replace('pods: "20"', 'pods: "21"'),
    );
    const after = await observe();
    expect(after.observed).toMatchObject({ quota: { pods: 21 } });
    expect(after.observed.files).toEqual([
      expect.objectContaining({ path: `${FOLDER}/resourcequota.yaml` }),
    ]);
  });

  it('previews the files and their diff without committing', async () => {
    await apply();
    const count = fixture.commitCount();
    const preview = await fixture.provider.preview({
      target: 'local',
      resource: newResource(),
      spec: fixture.provider.validateSpec({ quota: { pods: 25 } }),
      logger,
    });
    expect(fixture.commitCount()).toBe(count);
    expect(Object.keys(preview.files as object)).toEqual([
      `${FOLDER}/resourcequota.yaml`,
    ]);
    expect(preview.diff).toContain('-    pods: "20"');
    expect(preview.diff).toContain('+    pods: "25"');
  });

  it('gives environments of the same name of two components their own namespaces', async () => {
    await apply();
    const other = await fixture.provider.apply({
      target: 'local',
      resource: newResource({
        id: 'x',
        entityRef: 'component:default/payments',
      }),
      spec: fixture.provider.validateSpec({}),
      logger,
    });
    expect(other.outputs.namespace).toBe('payments-pr-42-app');
  });

  it("refuses to take over another environment's namespace named in its spec", async () => {
    await apply();
    await expect(
      fixture.provider.apply({
        target: 'local',
        resource: newResource({
          id: 'x',
          entityRef: 'component:default/other',
        }),
        spec: fixture.provider.validateSpec({
          namespace: 'checkout-api-pr-42-app',
        }),
        logger,
      }),
    ).rejects.toThrow(
      'namespace: checkout-api-pr-42-app in clusters/local/namespaces/checkout-api-pr-42-app/ already belongs to environment pr-42 of component:default/checkout-api',
    );
  });
});
