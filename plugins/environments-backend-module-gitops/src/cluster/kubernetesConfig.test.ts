import { ConfigReader } from '@backstage/config';
import { readGitopsTargets } from '../readGitopsTargets';

const KEY = 'environments.providers.gitops.targets.local.kubernetes';
const read = (kubernetes: unknown) =>
  readGitopsTargets(
    new ConfigReader({
      environments: {
        providers: {
          gitops: {
            targets: {
              local: {
                localGit: { repository: 'platform-gitops' },
                kubernetes: kubernetes as any,
              },
            },
          },
        },
      },
    }),
  );

describe('the kubernetes block of a gitops target', () => {
  it('reads a Flux Kustomization with its namespace defaulted, or an Argo CD Application', () => {
    expect(
      read({
        url: 'https://k8s.example.com:6443',
        token: 't',
        caData: 'Y2E=',
        flux: { name: 'namespaces' },
      })[0].kubernetes,
    ).toEqual({
      loadFrom: 'config',
      url: 'https://k8s.example.com:6443',
      token: 't',
      caData: 'Y2E=',
      sync: { tool: 'flux', namespace: 'flux-system', name: 'namespaces' },
    });
    expect(read({ loadFrom: 'in-cluster', argocd: {} })[0].kubernetes).toEqual({
      loadFrom: 'in-cluster',
      sync: { tool: 'argocd', namespace: 'argocd' },
    });
  });

  it.each([
    [{ url: 'not a url', flux: {} }, `${KEY}.url must be a URL`],
    [
      { flux: {} },
      `${KEY}.url is required (the API server), unless loadFrom is in-cluster or kubeconfig`,
    ],
    [
      { url: 'https://k8s.example.com' },
      `${KEY} needs one of flux or argocd: the Kustomization or Application that applies the namespaces`,
    ],
    [
      { url: 'https://k8s.example.com', flux: {}, argocd: {} },
      `${KEY} needs one of flux or argocd`,
    ],
    [
      { loadFrom: 'in-cluster', token: 't', flux: {} },
      `${KEY}.token is only read with loadFrom: config (here the in-cluster credentials are used)`,
    ],
    [
      { loadFrom: 'kube', flux: {} },
      `${KEY}.loadFrom must be config, in-cluster or kubeconfig`,
    ],
    [
      { url: 'https://k8s.example.com', skipTLSVerify: 'yes', flux: {} },
      `${KEY}.skipTLSVerify must be true or false`,
    ],
    [
      { url: 'https://k8s.example.com', flux: { name: 'a', path: 'x' } },
      `${KEY}.flux has unknown keys path`,
    ],
    [
      { url: 'https://k8s.example.com', server: 'x', flux: {} },
      `${KEY} has unknown keys server`,
    ],
  ])('refuses %j naming the key', (kubernetes, message) => {
    expect(() => read(kubernetes)).toThrow(message);
  });
});
