import { screen } from '@testing-library/react';
import { aDatabase } from '../../__testUtils__/fixtures';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { ResourceOutputs } from './ResourceOutputs';

describe('ResourceOutputs', () => {
  it("shows a gitops namespace's commit as a link and says its applied state in words", async () => {
    const commitUrl =
      'http://localhost:7007/api/local-git/platform-gitops/tree/d77e83b0cd4d01a7/clusters/local/namespaces/pr-1-app/';
    await renderWithEnvironments(
      <ResourceOutputs
        resource={aDatabase({
          type: 'kubernetes-namespace',
          name: 'app',
          outputs: {
            namespace: 'pr-1-app',
            cluster: 'local',
            repository:
              'http://localhost:7007/api/local-git/platform-gitops.git',
            path: 'clusters/local/namespaces/pr-1-app/',
            commit: 'd77e83b0cd4d',
            commitUrl,
            appliedState: 'unknown: no cluster configured',
          },
        })}
      />,
      { api: fakeEnvironmentsApi() },
    );

    expect(screen.getByRole('link', { name: /d77e83b0cd4d/ })).toHaveAttribute(
      'href',
      commitUrl,
    );
    expect(screen.queryByText('commitUrl')).not.toBeInTheDocument();
    expect(screen.getByText('applied state')).toBeInTheDocument();
    expect(
      screen.getByText('unknown: no cluster configured'),
    ).toBeInTheDocument();
    expect(screen.getByText('pr-1-app')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy commit of app' }),
    ).toBeInTheDocument();
  });

  it.each([
    'applied d77e83b0cd4d; Flux Kustomization flux-system/namespaces: Ready',
    'not yet applied (cluster at 0c1f2e3d4b5a); Argo CD Application argocd/namespaces: OutOfSync, Healthy',
    'unknown: cannot reach https://k8s.example.com:6443: request to https://k8s.example.com:6443/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/namespaces failed, reason: connect ECONNREFUSED',
  ])("says the cluster's applied state in words: %s", async appliedState => {
    await renderWithEnvironments(
      <ResourceOutputs
        resource={aDatabase({
          type: 'kubernetes-namespace',
          name: 'app',
          outputs: { namespace: 'pr-1-app', appliedState },
        })}
      />,
      { api: fakeEnvironmentsApi() },
    );
    expect(screen.getByText('applied state')).toBeInTheDocument();
    expect(screen.getByText(appliedState)).toBeInTheDocument();
  });

  it("shows a database's outputs as they are", async () => {
    await renderWithEnvironments(<ResourceOutputs resource={aDatabase()} />, {
      api: fakeEnvironmentsApi(),
    });
    expect(screen.getByText('host')).toBeInTheDocument();
    expect(screen.getByText('localhost')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
