import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  HOUR,
  aDatabase,
  aProductionEnvironment,
  anEnvironment,
  anOperation,
  checkoutApi,
  checkoutSystem,
} from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EntityEnvironmentsCard } from './EntityEnvironmentsCard';

const card = (name: string) => screen.findByRole('article', { name });

describe('EntityEnvironmentsCard (fake API)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows progress while the environments load', async () => {
    const api = fakeEnvironmentsApi();
    api.listEnvironments.mockReturnValue(new Promise(() => {}));
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });

    expect(
      screen.getByRole('progressbar', { name: 'Loading environments' }),
    ).toBeInTheDocument();
  });

  it('teaches what to do when there are none: the ephemeral template, filled in', async () => {
    const api = fakeEnvironmentsApi();
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });

    expect(await screen.findByText('No environments yet')).toBeInTheDocument();
    expect(
      screen.getByText(/checkout-api has no environments/),
    ).toBeInTheDocument();
    const create = screen.getByRole('link', {
      name: 'Create an ephemeral environment',
    });
    const url = new URL(create.getAttribute('href')!, 'http://localhost');
    expect(url.pathname).toBe(
      '/create/templates/default/paved-ephemeral-environment',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      component: 'component:default/checkout-api',
      owner: 'group:default/checkout-team',
    });
    expect(api.listEnvironments).toHaveBeenCalledTimes(1);
    expect(api.listEnvironments).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      limit: 100,
    });
  });

  it('shows a ready environment: tier, owner, outputs with copy buttons, cost and links', async () => {
    const api = fakeEnvironmentsApi({
      environments: [anEnvironment({ scaffolderTaskId: 'task-42' })],
    });
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });

    const pr1 = within(await card('pr-1'));
    expect(pr1.getByText('preview')).toBeInTheDocument();
    expect(pr1.getByText('Ready')).toBeInTheDocument();
    expect(
      pr1.getByText(/Expires in 19h 59m|Expires in 20h/),
    ).toBeInTheDocument();
    expect(
      pr1.getByRole('link', { name: /checkout-team/ }),
    ).toBeInTheDocument();
    expect(pr1.getByText('pr_1_main_1a2b3c4d')).toBeInTheDocument();
    expect(pr1.getByText('5433')).toBeInTheDocument();
    expect(
      pr1.getByRole('button', { name: 'Copy host of main' }),
    ).toBeInTheDocument();
    expect(
      pr1.getByRole('button', { name: 'Copy database of main' }),
    ).toBeInTheDocument();
    expect(pr1.getByText(/\$4\/month/)).toBeInTheDocument();
    expect(
      pr1.getByRole('link', { name: 'Rules of the preview tier' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/platform-guidelines/environments/tiers/#preview',
    );
    expect(
      pr1.getByRole('link', { name: 'Template run that created it' }),
    ).toHaveAttribute('href', '/create/tasks/task-42');
    expect(
      pr1.getByRole('link', { name: 'Details and history' }),
    ).toHaveAttribute('href', '/catalog/default/environment/checkout-api-pr-1');
    expect(
      pr1.getByRole('button', { name: 'Extend pr-1' }),
    ).toBeInTheDocument();
    expect(
      pr1.getByRole('button', { name: 'Destroy pr-1' }),
    ).toBeInTheDocument();
  });

  it('lists production first', async () => {
    const api = fakeEnvironmentsApi({
      environments: [
        anEnvironment({ name: 'pr-7' }),
        aProductionEnvironment(),
        anEnvironment({
          name: 'dev',
          tier: 'development',
          class: 'development',
        }),
      ],
    });
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });

    await card('prod');
    expect(
      screen
        .getAllByRole('article')
        .map(a => a.getAttribute('aria-labelledby')),
    ).toHaveLength(3);
    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual(['prod', 'dev', 'pr-7']);
  });

  it('shows the running operation while provisioning, then follows it live until ready', async () => {
    const provisioning = anEnvironment({
      status: 'provisioning',
      resources: [aDatabase({ status: 'provisioning', outputs: {} })],
    });
    provisioning.activeOperation = anOperation({
      environmentId: provisioning.id,
      attempts: 2,
    });
    const api = fakeEnvironmentsApi({ environments: [provisioning] });
    await renderWithEnvironments(
      <EntityEnvironmentsCard refreshIntervalMs={10} />,
      {
        api,
        entity: checkoutApi,
      },
    );

    const pr1 = within(await card('pr-1'));
    expect(pr1.getByText('Provisioning')).toBeInTheDocument();
    expect(pr1.getByText('Creating: running, attempt 2')).toBeInTheDocument();

    api.setEnvironments([anEnvironment({ id: provisioning.id })]);
    expect(await pr1.findByText('Ready')).toBeInTheDocument();
    expect(pr1.getByText('pr_1_main_1a2b3c4d')).toBeInTheDocument();
  });

  it('loads once and stops when nothing is in flight', async () => {
    jest.useFakeTimers();
    const api = fakeEnvironmentsApi({ environments: [anEnvironment()] });
    await renderWithEnvironments(
      <EntityEnvironmentsCard refreshIntervalMs={10} />,
      {
        api,
        entity: checkoutApi,
      },
    );
    await card('pr-1');

    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(api.listEnvironments).toHaveBeenCalledTimes(1);
  });

  it('shows why an environment failed, and Retry runs it again', async () => {
    const failed = anEnvironment({
      status: 'failed',
      statusReason: 'main: could not connect to the PostgreSQL server embedded',
      resources: [aDatabase({ status: 'failed', outputs: {} })],
    });
    const api = fakeEnvironmentsApi({ environments: [failed] });
    await renderWithEnvironments(
      <EntityEnvironmentsCard refreshIntervalMs={10} />,
      {
        api,
        entity: checkoutApi,
      },
    );

    const pr1 = within(await card('pr-1'));
    expect(pr1.getByText('Failed')).toBeInTheDocument();
    expect(
      pr1.getByText(/could not connect to the PostgreSQL server/),
    ).toBeInTheDocument();
    expect(pr1.getByRole('link', { name: 'What this means' })).toHaveAttribute(
      'href',
      '/docs/default/component/platform-guidelines/environments/requesting/#status-failed',
    );

    await userEvent.click(pr1.getByRole('button', { name: 'Retry pr-1' }));

    expect(api.retryEnvironment).toHaveBeenCalledWith(failed.id);
    expect(await pr1.findByText('Provisioning')).toBeInTheDocument();
  });

  it('says which permission was missing when a retry is refused', async () => {
    const failed = anEnvironment({ status: 'failed', statusReason: 'boom' });
    const api = fakeEnvironmentsApi({ environments: [failed] });
    api.retryEnvironment.mockRejectedValue(
      await responseError(
        403,
        `You are not allowed to do this to environment ${failed.id} (permission environments.environment.delete)`,
      ),
    );
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Retry pr-1' }),
    );

    expect(
      await screen.findByText(
        /You need environments.environment.delete to retry pr-1/,
      ),
    ).toBeInTheDocument();
  });

  it('warns when an ephemeral environment is about to expire', async () => {
    const api = fakeEnvironmentsApi({
      environments: [
        anEnvironment({
          expiresAt: new Date(Date.now() + 0.5 * HOUR + 30_000).toISOString(),
        }),
      ],
    });
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });

    expect(
      await screen.findByText('Expires in 30m: extend it if you still need it'),
    ).toBeInTheDocument();
  });

  it('offers no Extend, Destroy or Reveal where the permission is denied', async () => {
    const api = fakeEnvironmentsApi({
      environments: [aProductionEnvironment(), anEnvironment()],
    });
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
      allow: name => name === 'environments.environment.read',
    });
    // Two environments: each line opens to show what it offers.
    await userEvent.click(
      await screen.findByRole('button', { name: 'Details of pr-1' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Details of prod' }),
    );

    const pr1 = within(await card('pr-1'));
    expect(
      await pr1.findByRole('link', {
        name: 'Who may reveal the connection string',
      }),
    ).toBeInTheDocument();
    expect(
      pr1.queryByRole('button', { name: /Extend/ }),
    ).not.toBeInTheDocument();
    expect(
      pr1.queryByRole('button', { name: /Destroy/ }),
    ).not.toBeInTheDocument();
    expect(
      pr1.queryByRole('button', { name: /Reveal/ }),
    ).not.toBeInTheDocument();
    const prod = within(await card('prod'));
    expect(
      prod.queryByRole('button', { name: /Destroy/ }),
    ).not.toBeInTheDocument();
  });

  it('shows a retryable error panel when the backend fails', async () => {
    const api = fakeEnvironmentsApi({ environments: [anEnvironment()] });
    api.listEnvironments.mockRejectedValueOnce(
      await responseError(503, 'Service Unavailable'),
    );
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });

    expect(
      await screen.findByText(/Could not load the environments/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        /Request failed with 503 Error: Service Unavailable/,
      )[0],
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await card('pr-1')).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load the environments/),
    ).not.toBeInTheDocument();
  });

  it('destroys an environment after confirming, and it disappears', async () => {
    const pr1 = anEnvironment();
    const api = fakeEnvironmentsApi({ environments: [pr1] });
    await renderWithEnvironments(
      <EntityEnvironmentsCard refreshIntervalMs={10} />,
      {
        api,
        entity: checkoutApi,
      },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Destroy pr-1' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Destroy pr-1?' }),
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Destroy' }));

    expect(api.destroyEnvironment).toHaveBeenCalledWith(pr1.id, {});
    expect(await screen.findByText('Destroying')).toBeInTheDocument();

    api.setEnvironments([{ ...pr1, status: 'destroyed' }]);
    expect(await screen.findByText('No environments yet')).toBeInTheDocument();
  });

  it('shows the environments of a system and of its components, from one request', async () => {
    const api = fakeEnvironmentsApi({
      environments: [
        anEnvironment({ name: 'pr-1' }),
        anEnvironment({
          name: 'dev',
          tier: 'development',
          class: 'development',
          lifecycle: 'static',
          expiresAt: undefined,
          entityRef: 'component:default/payments-worker',
        }),
        anEnvironment({
          name: 'other',
          entityRef: 'component:default/storefront-web',
        }),
      ],
    });
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutSystem,
    });

    const dev = within(await card('dev'));
    expect(
      dev.getByRole('link', { name: /payments-worker/ }),
    ).toBeInTheDocument();
    expect(await card('pr-1')).toBeInTheDocument();
    expect(
      screen.queryByRole('article', { name: 'other' }),
    ).not.toBeInTheDocument();
    expect(api.listEnvironments).toHaveBeenCalledTimes(1);
    expect(api.listEnvironments).toHaveBeenCalledWith({
      entityRef: [
        'system:default/checkout',
        'component:default/checkout-api',
        'component:default/payments-worker',
      ],
      limit: 100,
    });
  });
});
