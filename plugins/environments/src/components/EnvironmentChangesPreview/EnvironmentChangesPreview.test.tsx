import { act, screen, within } from '@testing-library/react';
import { EnvironmentPlan } from '@paved/plugin-environments-common';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { anEnvironment } from '../../__testUtils__/fixtures';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EnvironmentChangesPreview } from './EnvironmentChangesPreview';
import { EnvironmentChangesPreviewProps } from './schema';

/** A namespace's preview as the gitops provider gives it, cut short. */
const diff = [
  '===================================================================',
  '--- /dev/null',
  '+++ b/clusters/local/namespaces/checkout-api-pr-7-app/namespace.yaml',
  '@@ -0,0 +1,4 @@',
  '+apiVersion: v1',
  '+kind: Namespace',
  '+metadata:',
  '+  name: checkout-api-pr-7-app',
  '===================================================================',
  '--- a/clusters/local/namespaces/kustomization.yaml',
  '+++ b/clusters/local/namespaces/kustomization.yaml',
  '@@ -1,3 +1,4 @@',
  ' resources:',
  '-  - old-app',
  '+  - old-app',
  '+  - checkout-api-pr-7-app',
  '',
].join('\n');

function aPlan(resources: EnvironmentPlan['environment']['resources']) {
  return {
    environment: {
      name: 'pr-7',
      class: 'preview',
      tier: 'preview',
      lifecycle: 'ephemeral',
      owner: 'group:default/checkout-team',
      entityRef: 'component:default/checkout-api',
      createdBy: 'user:default/priya',
      resources,
      estimatedMonthlyCost: { amount: 0, currency: 'USD' },
    },
    warnings: [],
    estimatedMonthlyCost: { amount: 0, currency: 'USD' },
  } as EnvironmentPlan;
}

const namespace = {
  type: 'kubernetes-namespace',
  name: 'app',
  provider: 'gitops',
  target: 'local',
  spec: {},
  preview: {
    repository: 'http://localhost:7007/api/local-git/platform-gitops.git',
    path: 'clusters/local/namespaces/checkout-api-pr-7-app/',
    files: {},
    diff,
  },
};

/** The field as the scaffolder's form renders it, with the rest of the form's data. */
async function renderPreview(options: {
  form: Record<string, unknown>;
  uiOptions: Record<string, unknown>;
  fake: ReturnType<typeof fakeEnvironmentsApi>;
}) {
  const props = {
    onChange: jest.fn(),
    rawErrors: [],
    schema: { title: 'What it would commit', type: 'string' },
    uiSchema: { 'ui:options': options.uiOptions },
    formContext: { formData: options.form },
    idSchema: { $id: 'root_changes' },
  } as unknown as EnvironmentChangesPreviewProps;
  await renderWithEnvironments(<EnvironmentChangesPreview {...props} />, {
    api: options.fake,
  });
}

const ephemeral = {
  class: 'preview',
  ttlField: 'ttl',
  showIfField: 'namespace',
  resources: [{ type: 'kubernetes-namespace', name: 'app' }],
};
const form = {
  component: 'component:default/checkout-api',
  owner: 'group:default/checkout-team',
  name: 'pr-7',
  ttl: '1d',
  namespace: true,
};

describe('EnvironmentChangesPreview (fake API)', () => {
  it("plans the template's create and shows each file and the diff, its lines coloured", async () => {
    const fake = fakeEnvironmentsApi();
    fake.createEnvironment.mockResolvedValue(aPlan([namespace]));
    await renderPreview({ form, uiOptions: ephemeral, fake });

    expect(
      await screen.findByText(
        /app \(kubernetes-namespace\): commits to http:\/\/localhost:7007\/api\/local-git\/platform-gitops\.git, in clusters\/local\/namespaces\/checkout-api-pr-7-app\//,
      ),
    ).toBeInTheDocument();
    expect(fake.createEnvironment).toHaveBeenCalledWith(
      {
        name: 'pr-7',
        class: 'preview',
        owner: 'group:default/checkout-team',
        entityRef: 'component:default/checkout-api',
        ttl: '1d',
        resources: [{ type: 'kubernetes-namespace', name: 'app', spec: {} }],
      },
      { dryRun: true },
    );
    const files = within(screen.getByRole('list', { name: 'Files of app' }));
    expect(
      files.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual([
      'added clusters/local/namespaces/checkout-api-pr-7-app/namespace.yaml',
      'changed clusters/local/namespaces/kustomization.yaml',
    ]);
    const shown = screen.getByLabelText('The diff of app');
    expect(shown).toHaveStyle({ fontFamily: 'monospace' });
    const line = (text: string) =>
      [...shown.querySelectorAll('span')]
        .find(span => span.textContent === text)
        ?.getAttribute('data-kind');
    expect(line('+  name: checkout-api-pr-7-app')).toBe('added');
    expect(line('-  - old-app')).toBe('removed');
    expect(line('@@ -1,3 +1,4 @@')).toBe('hunk');
    expect(line(' resources:')).toBe('context');
  });

  it("says the API's reason when it would refuse the request", async () => {
    const fake = fakeEnvironmentsApi();
    fake.createEnvironment.mockRejectedValue(
      await responseError(
        409,
        'name: component:default/checkout-api already has an environment named pr-7',
      ),
    );
    await renderPreview({ form, uiOptions: ephemeral, fake });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The request would be refused: name: component:default/checkout-api already has an environment named pr-7',
    );
  });

  it('plans adding the resources to an existing environment, filling in the form values', async () => {
    const existing = anEnvironment({ name: 'pr-7' });
    const fake = fakeEnvironmentsApi({ environments: [existing] });
    fake.addResources.mockResolvedValue(aPlan([namespace]) as any);
    await renderPreview({
      form: {
        component: 'component:default/checkout-api',
        environment: 'pr-7',
        name: 'app',
        cpu: '2',
        pods: 20,
      },
      uiOptions: {
        environmentField: 'environment',
        resources: [
          {
            type: 'kubernetes-namespace',
            name: '${{ parameters.name }}',
            spec: {
              quota: {
                cpu: '${{ parameters.cpu }}',
                pods: '${{ parameters.pods }}',
              },
            },
          },
        ],
      },
      fake,
    });

    expect(await screen.findByLabelText('The diff of app')).toBeInTheDocument();
    expect(fake.addResources).toHaveBeenCalledWith(
      existing.id,
      [
        {
          type: 'kubernetes-namespace',
          name: 'app',
          spec: { quota: { cpu: '2', pods: 20 } },
        },
      ],
      { dryRun: true },
    );
  });

  it('asks for the fields it needs first, and shows nothing while the namespace is off', async () => {
    const fake = fakeEnvironmentsApi();
    await renderPreview({
      form: { ...form, name: '' },
      uiOptions: ephemeral,
      fake,
    });
    expect(
      screen.getByText('Fill in name to see what it would change.'),
    ).toBeInTheDocument();

    await renderPreview({
      form: { ...form, namespace: false },
      uiOptions: ephemeral,
      fake,
    });
    // Past the debounce: still nothing asked.
    await act(() => new Promise(resolve => setTimeout(resolve, 500)));
    expect(fake.createEnvironment).not.toHaveBeenCalled();
    expect(screen.getAllByRole('region')).toHaveLength(1);
  });
});
