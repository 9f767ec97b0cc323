import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  aDeclaredEnvironment,
  aProductionEnvironment,
  anEnvironment,
  anEnvironmentEntity,
  anOperation,
} from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EntityEnvironmentOverviewCard } from './EntityEnvironmentOverviewCard';

/** The value beside a label of the facts list. */
const fact = (label: string) =>
  screen.getByText(label, { selector: 'dt' }).nextElementSibling as HTMLElement;

describe('EntityEnvironmentOverviewCard (fake API)', () => {
  it("shows a provisioned environment's live state from the environments service", async () => {
    const environment = anEnvironment({ scaffolderTaskId: 'task-7' });
    const api = fakeEnvironmentsApi({ environments: [environment] });
    await renderWithEnvironments(<EntityEnvironmentOverviewCard />, {
      api,
      entity: anEnvironmentEntity(environment),
    });

    expect(await screen.findByText('Ready')).toBeInTheDocument();
    expect(api.getEnvironment).toHaveBeenCalledWith(environment.id);
    expect(
      within(fact('Class')).getByRole('link', { name: 'preview' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/platform-guidelines/environments/classes/#preview',
    );
    expect(within(fact('Tier')).getByText('preview')).toBeInTheDocument();
    expect(
      within(fact('Owner')).getByText('checkout-team'),
    ).toBeInTheDocument();
    expect(
      within(fact('Environment of')).getByText('checkout-api'),
    ).toBeInTheDocument();
    expect(fact('Expires')).toHaveTextContent(/\b(19h 59m|20h)\b/);
    expect(fact('Estimated cost')).toHaveTextContent('$4/month');
    expect(
      within(fact('Created')).getByRole('link', { name: 'template run' }),
    ).toHaveAttribute('href', '/create/tasks/task-7');
    expect(
      screen.getByRole('list', { name: 'Resources of pr-1' }),
    ).toHaveTextContent('pr_1_main_1a2b3c4d');
    expect(
      await screen.findByRole('button', { name: 'Extend pr-1' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Destroy pr-1' }),
    ).toBeInTheDocument();
  });

  it('says a static environment never expires, and offers no Extend', async () => {
    const environment = aProductionEnvironment();
    const api = fakeEnvironmentsApi({ environments: [environment] });
    await renderWithEnvironments(<EntityEnvironmentOverviewCard />, {
      api,
      entity: anEnvironmentEntity(environment),
    });

    expect(await screen.findByText('Ready')).toBeInTheDocument();
    expect(fact('Expires')).toHaveTextContent(
      'Never: static environments live until destroyed',
    );
    expect(
      await screen.findByRole('button', { name: 'Destroy prod' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Extend prod' }),
    ).not.toBeInTheDocument();
  });

  it('follows a provisioning environment until it is ready', async () => {
    const environment = anEnvironment({
      status: 'provisioning',
      activeOperation: anOperation({ type: 'create', state: 'running' }),
    });
    const api = fakeEnvironmentsApi({ environments: [environment] });
    await renderWithEnvironments(
      <EntityEnvironmentOverviewCard refreshIntervalMs={50} />,
      {
        api,
        entity: anEnvironmentEntity(environment),
      },
    );

    expect(await screen.findByText('Provisioning')).toBeInTheDocument();
    api.setEnvironments([
      { ...environment, status: 'ready', activeOperation: undefined },
    ]);
    expect(await screen.findByText('Ready')).toBeInTheDocument();
  });

  it('shows a declared environment from its entity, without asking the environments service', async () => {
    const api = fakeEnvironmentsApi();
    await renderWithEnvironments(<EntityEnvironmentOverviewCard />, {
      api,
      entity: aDeclaredEnvironment(),
    });

    expect(
      screen.getByText(/Declared by hand in a catalog-info.yaml/),
    ).toBeInTheDocument();
    expect(within(fact('Tier')).getByText('staging')).toBeInTheDocument();
    expect(
      within(fact('Owner')).getByText('checkout-team'),
    ).toBeInTheDocument();
    expect(fact('Lifecycle')).toHaveTextContent('static');
    expect(screen.getByRole('link', { name: 'golden paths' })).toHaveAttribute(
      'href',
      '/docs/default/component/platform-guidelines/golden-paths/',
    );
    expect(api.getEnvironment).not.toHaveBeenCalled();
  });

  it('says so when the environment was destroyed and the catalog has not caught up', async () => {
    const environment = anEnvironment();
    const api = fakeEnvironmentsApi();
    api.getEnvironment.mockRejectedValue(
      await responseError(404, `No environment with id ${environment.id}`),
    );
    await renderWithEnvironments(<EntityEnvironmentOverviewCard />, {
      api,
      entity: anEnvironmentEntity(environment),
    });

    expect(
      await screen.findByText(
        /no longer has this environment: it was destroyed/,
      ),
    ).toBeInTheDocument();
  });

  it('shows an error it can recover from with Try again', async () => {
    const environment = anEnvironment();
    const api = fakeEnvironmentsApi({ environments: [environment] });
    api.getEnvironment.mockRejectedValueOnce(
      await responseError(503, 'database unavailable'),
    );
    await renderWithEnvironments(<EntityEnvironmentOverviewCard />, {
      api,
      entity: anEnvironmentEntity(environment),
    });

    expect(
      await screen.findByText(/Could not load the environment\b/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database unavailable/)[0]).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Ready')).toBeInTheDocument();
  });
});
