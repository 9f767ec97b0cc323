import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  aDeclaredEnvironment,
  aFinding,
  anEnvironment,
  anEnvironmentEntity,
} from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EntityEnvironmentFindingsCard } from './EntityEnvironmentFindingsCard';

describe('EntityEnvironmentFindingsCard (fake API)', () => {
  it('lists the open findings with expected against observed, and the resolved ones on request', async () => {
    const environment = anEnvironment({ status: 'degraded' });
    const api = fakeEnvironmentsApi({
      environments: [environment],
      findings: [
        aFinding({ environmentId: environment.id }),
        aFinding({
          environmentId: environment.id,
          rule: 'resource.exists',
          resolvedAt: new Date().toISOString(),
        }),
      ],
    });
    await renderWithEnvironments(<EntityEnvironmentFindingsCard />, {
      api,
      entity: anEnvironmentEntity(environment),
    });

    const open = await screen.findByRole('list', { name: 'Open findings' });
    const finding = within(open).getByRole('listitem');
    expect(finding).toHaveTextContent('postgres.connection-limit');
    expect(
      within(finding)
        .getAllByRole('definition')
        .map(d => d.textContent),
    ).toEqual(['connectionLimit', 'at most 20', '100']);
    expect(
      screen.queryByRole('list', { name: 'Resolved findings' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Show resolved findings (1)' }),
    );
    expect(
      within(screen.getByRole('list', { name: 'Resolved findings' })).getByText(
        'resource.exists',
      ),
    ).toBeInTheDocument();
    expect(api.getFindings).toHaveBeenCalledWith(environment.id);
  });

  it('says the environment meets its baseline when nothing is open', async () => {
    const environment = anEnvironment();
    const api = fakeEnvironmentsApi({
      environments: [environment],
      findings: [],
    });
    await renderWithEnvironments(<EntityEnvironmentFindingsCard />, {
      api,
      entity: anEnvironmentEntity(environment),
    });

    expect(
      await screen.findByText('None open: pr-1 meets its baseline.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'Show resolved findings (0)' }),
    ).toBeDisabled();
  });

  it('renders nothing for a declared environment', async () => {
    const api = fakeEnvironmentsApi();
    await renderWithEnvironments(<EntityEnvironmentFindingsCard />, {
      api,
      entity: aDeclaredEnvironment(),
    });

    expect(screen.queryByText('Baseline findings')).not.toBeInTheDocument();
    expect(api.getFindings).not.toHaveBeenCalled();
  });

  it('shows an error it can recover from with Try again', async () => {
    const environment = anEnvironment();
    const api = fakeEnvironmentsApi({
      environments: [environment],
      findings: [],
    });
    api.getFindings.mockRejectedValueOnce(await responseError(500, 'boom'));
    await renderWithEnvironments(<EntityEnvironmentFindingsCard />, {
      api,
      entity: anEnvironmentEntity(environment),
    });

    expect(
      await screen.findByText(/Could not load the findings/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('None open: pr-1 meets its baseline.'),
    ).toBeInTheDocument();
  });
});
