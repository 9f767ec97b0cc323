import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  HOUR,
  aDeclaredEnvironment,
  anEnvironment,
  anEnvironmentEntity,
  anOperation,
} from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EntityEnvironmentOperationsCard } from './EntityEnvironmentOperationsCard';

describe('EntityEnvironmentOperationsCard (fake API)', () => {
  it('lists what was done to the environment, newest first, with errors and the template run', async () => {
    const environment = anEnvironment();
    const api = fakeEnvironmentsApi({ environments: [environment] });
    const created = Date.now() - 2 * HOUR;
    api.getOperations.mockResolvedValue([
      anOperation({
        environmentId: environment.id,
        type: 'extend',
        state: 'succeeded',
        requestedBy: 'user:default/jane',
        createdAt: new Date(created + HOUR).toISOString(),
        startedAt: new Date(created + HOUR).toISOString(),
        finishedAt: new Date(created + HOUR + 120).toISOString(),
      }),
      anOperation({
        environmentId: environment.id,
        type: 'create',
        state: 'succeeded',
        attempts: 2,
        error: 'could not reach embedded: connection refused',
        scaffolderTaskId: 'task-7',
        createdAt: new Date(created).toISOString(),
        startedAt: new Date(created).toISOString(),
        finishedAt: new Date(created + 4500).toISOString(),
      }),
    ]);
    await renderWithEnvironments(<EntityEnvironmentOperationsCard />, {
      api,
      entity: anEnvironmentEntity(environment),
    });

    const table = await screen.findByRole('table', {
      name: 'Operations of pr-1',
    });
    const [, extend, create] = within(table).getAllByRole('row');
    expect(extend).toHaveTextContent(
      /^Extend\s*Succeeded\s*1h ago by\s*jane\s*120 ms/,
    );
    expect(create).toHaveTextContent('Succeeded, 2 attempts');
    expect(create).toHaveTextContent('2h ago');
    expect(create).toHaveTextContent('4.5 s');
    expect(create).toHaveTextContent(
      'could not reach embedded: connection refused',
    );
    expect(
      within(create).getByRole('link', { name: 'Template run' }),
    ).toHaveAttribute('href', '/create/tasks/task-7');
    expect(api.getOperations).toHaveBeenCalledWith(environment.id);
  });

  it('follows a running operation until it ends', async () => {
    const environment = anEnvironment();
    const api = fakeEnvironmentsApi({ environments: [environment] });
    const running = anOperation({
      environmentId: environment.id,
      type: 'destroy',
      state: 'running',
    });
    api.getOperations
      .mockResolvedValueOnce([running])
      .mockResolvedValue([{ ...running, state: 'succeeded' }]);
    await renderWithEnvironments(
      <EntityEnvironmentOperationsCard refreshIntervalMs={50} />,
      {
        api,
        entity: anEnvironmentEntity(environment),
      },
    );

    expect(await screen.findByText('Running')).toBeInTheDocument();
    expect(await screen.findByText('Succeeded')).toBeInTheDocument();
  });

  it('renders nothing for a declared environment, which has no history in Paved', async () => {
    const api = fakeEnvironmentsApi();
    await renderWithEnvironments(<EntityEnvironmentOperationsCard />, {
      api,
      entity: aDeclaredEnvironment(),
    });

    expect(screen.queryByText('Operations')).not.toBeInTheDocument();
    expect(api.getOperations).not.toHaveBeenCalled();
  });

  it('shows an error it can recover from with Try again', async () => {
    const environment = anEnvironment();
    const api = fakeEnvironmentsApi({ environments: [environment] });
    api.getOperations.mockRejectedValueOnce(await responseError(500, 'boom'));
    await renderWithEnvironments(<EntityEnvironmentOperationsCard />, {
      api,
      entity: anEnvironmentEntity(environment),
    });

    expect(
      await screen.findByText(/Could not load the operations/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('Nothing has been done to this environment yet.'),
    ).toBeInTheDocument();
  });
});
