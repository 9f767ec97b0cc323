import { InputError } from '@backstage/errors';
import { validateNamespaceSpec } from '../spec';
import { renderNamespace } from './renderNamespace';
import { validateManifests } from './validateManifests';

const context = {
  cluster: 'local',
  namespace: 'pr-42-app',
  environment: 'pr-42',
  entityRef: 'component:default/checkout-api',
  owner: 'group:default/checkout-team',
  tier: 'preview',
  expiresAt: '2026-11-20T15:30:00.000Z',
};
const PATH = 'clusters/local/namespaces/pr-42-app';

describe('renderNamespace', () => {
  it('gives byte-identical files for the same spec, whatever order it was written in', () => {
    const a = validateNamespaceSpec({
      quota: { pods: 30, cpu: '4', memory: '8Gi' },
      labels: { team: 'checkout', cost: 'c-17' },
    });
    const b = validateNamespaceSpec({
      labels: { cost: 'c-17', team: 'checkout' },
      quota: { memory: '8Gi', cpu: 4, pods: 30 },
    });
    const first = renderNamespace(a, context, PATH);
    expect(renderNamespace(b, { ...context }, PATH)).toEqual(first);
    expect(JSON.stringify(renderNamespace(a, context, PATH))).toBe(
      JSON.stringify(first),
    );
    expect(Object.keys(first.files)).toEqual([
      'kustomization.yaml',
      'limitrange.yaml',
      'namespace.yaml',
      'networkpolicy.yaml',
      'resourcequota.yaml',
      'rolebinding.yaml',
    ]);
  });

  it('labels every manifest with the environment, owner, tier and expiry', () => {
    const { files } = renderNamespace(validateNamespaceSpec({}), context, PATH);
    for (const name of Object.keys(files).filter(
      n => n !== 'kustomization.yaml',
    )) {
      expect(files[name]).toContain('paved.dev/environment: pr-42');
      expect(files[name]).toContain('paved.dev/owner: checkout-team');
      expect(files[name]).toContain('paved.dev/tier: preview');
      expect(files[name]).toContain('paved.dev/expires: 20261120T153000Z');
    }
    expect(files['resourcequota.yaml']).toContain('requests.cpu: "2"');
    expect(files['rolebinding.yaml']).toContain('name: edit');
    expect(files['kustomization.yaml']).toBe(
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        '  - limitrange.yaml',
        '  - namespace.yaml',
        '  - networkpolicy.yaml',
        '  - resourcequota.yaml',
        '  - rolebinding.yaml',
        '',
      ].join('\n'),
    );
  });

  it('leaves out the LimitRange and NetworkPolicy the spec does not ask for', () => {
    const { files } = renderNamespace(
      validateNamespaceSpec({
        containerLimits: null,
        networkPolicy: { defaultDeny: false },
        ownerRole: 'view',
      }),
      context,
      PATH,
    );
    expect(Object.keys(files)).toEqual([
      'kustomization.yaml',
      'namespace.yaml',
      'resourcequota.yaml',
      'rolebinding.yaml',
    ]);
    expect(files['rolebinding.yaml']).toContain('name: view');
  });
});

describe('refusals', () => {
  it('refuses a spec with a 400 naming the field', () => {
    expect(() => validateNamespaceSpec({ quota: { pods: 2.5 } })).toThrow(
      new InputError('spec.quota.pods: must be a whole number'),
    );
    expect(() => validateNamespaceSpec({ quota: { cpu: 'lots' } })).toThrow(
      'spec.quota.cpu: must be a Kubernetes quantity such as 500m or 2',
    );
    expect(() => validateNamespaceSpec({ ownerRole: 'admin' })).toThrow(
      'spec.ownerRole: must be edit or view',
    );
    expect(() =>
      validateNamespaceSpec({ labels: { 'paved.dev/owner': 'me' } }),
    ).toThrow('spec.labels.paved.dev/owner: must not start with paved.dev/');
    expect(() => validateNamespaceSpec({ replicas: 3 })).toThrow(
      'spec: unknown setting "replicas"',
    );
  });

  it('refuses a manifest the Kubernetes schema refuses, naming the file and field', () => {
    const error = (() => {
      try {
        validateManifests({
          'rolebinding.yaml': {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: { name: 'owner', labels: { team: 42 } },
            roleRef: { kind: 'ClusterRole', name: 'edit' },
          },
        });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain('rolebinding.yaml (RoleBinding)');
    expect(error?.message).toContain('roleRef must have required property');
    expect(error?.message).toContain('metadata.labels.team must be string');
  });
});
