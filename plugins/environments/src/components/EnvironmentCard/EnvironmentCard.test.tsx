import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Environment, Finding } from '@paved/plugin-environments-common';
import { HOUR, aFinding, anEnvironment } from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EnvironmentCard } from './EnvironmentCard';

const GUIDELINES = '/docs/default/component/platform-guidelines';

/** Opens an environment's line, as a reader does to see its baseline line. */
async function expand(environmentName: string) {
  await userEvent.click(
    screen.getByRole('button', { name: `Details of ${environmentName}` }),
  );
}

/** Renders the card as the server would send it: the open count follows the findings. */
async function renderCard(environment: Environment, findings: Finding[] = []) {
  const api = fakeEnvironmentsApi({ environments: [environment], findings });
  const served = await api.getEnvironment(environment.id);
  await renderWithEnvironments(
    <EnvironmentCard environment={served} onChanged={() => {}} />,
    { api },
  );
  await expand(environment.name);
  return api;
}

async function openFindings(environmentName: string) {
  await userEvent.click(
    screen.getByRole('button', {
      name: new RegExp(`^Baseline findings of ${environmentName}`),
    }),
  );
  return within(
    await screen.findByRole('dialog', {
      name: `Baseline findings of ${environmentName}`,
    }),
  );
}

describe('EnvironmentCard baseline line (fake API)', () => {
  it('says a live environment without findings is conformant, and loads nothing until asked', async () => {
    const environment = anEnvironment();
    const api = await renderCard(environment);

    expect(
      screen.getByRole('button', { name: /^Baseline findings of pr-1/ }),
    ).toHaveTextContent('Baseline: conformant');
    expect(api.getFindings).not.toHaveBeenCalled();

    const dialog = await openFindings('pr-1');
    expect(
      await dialog.findByText('None: pr-1 meets its baseline.'),
    ).toBeInTheDocument();
    expect(
      dialog.getByRole('link', { name: 'What a baseline is' }),
    ).toHaveAttribute('href', `${GUIDELINES}/baselines/#what-a-baseline-is`);
    expect(api.getFindings).toHaveBeenCalledTimes(1);
  });

  it('says nothing about the baseline of an environment that is not live yet', async () => {
    await renderCard(anEnvironment({ status: 'provisioning' }));

    expect(screen.getByText('Provisioning')).toBeInTheDocument();
    expect(screen.queryByText(/Baseline/)).not.toBeInTheDocument();
  });

  it('counts the open findings and names the most serious', async () => {
    const environment = anEnvironment({
      status: 'degraded',
      statusReason:
        'Baseline: 2 findings (postgres.connection-limit, postgres.owner-privileges)',
    });
    const api = await renderCard(environment, [
      aFinding({ environmentId: environment.id }),
      aFinding({
        environmentId: environment.id,
        rule: 'postgres.owner-privileges',
        severity: 'blocking',
      }),
      aFinding({
        environmentId: environment.id,
        resolvedAt: new Date().toISOString(),
      }),
    ]);

    expect(
      await screen.findByRole('button', {
        name: 'Baseline findings of pr-1: 2 open findings (1 blocking, 1 high)',
      }),
    ).toHaveTextContent('Baseline: 2 open findings (1 blocking, 1 high)');
    // From the environment's own counts: the line costs no request.
    expect(api.getFindings).not.toHaveBeenCalled();
    // Said once: the line replaces the status's reason, which lists the same findings.
    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(
      screen.queryByText(/Baseline: 2 findings \(/),
    ).not.toBeInTheDocument();
  });

  it('shows each open finding: rule, severity, resource, where, expected against observed, when, and its guideline', async () => {
    const environment = anEnvironment({ status: 'degraded' });
    const api = await renderCard(environment, [
      aFinding({ environmentId: environment.id }),
    ]);
    await screen.findByRole('button', { name: /\(1 high\)/ });

    const dialog = await openFindings('pr-1');
    const open = dialog.getByRole('list', { name: 'Open findings' });
    const finding = within(open).getByRole('listitem');
    expect(finding).toHaveTextContent('High');
    expect(finding).toHaveTextContent('postgres.connection-limit');
    expect(finding).toHaveTextContent('on orders');
    expect(finding).toHaveTextContent(
      'The database allows more connections than its class permits',
    );
    expect(
      within(finding)
        .getAllByRole('term')
        .map(term => term.textContent),
    ).toEqual(['Where', 'Expected', 'Observed']);
    expect(
      within(finding)
        .getAllByRole('definition')
        .map(definition => definition.textContent),
    ).toEqual(['connectionLimit', 'at most 20', '100']);
    expect(finding).toHaveTextContent('Detected 2h ago');
    expect(
      within(finding).getByRole('link', {
        name: 'About the rule postgres.connection-limit',
      }),
    ).toHaveAttribute(
      'href',
      `${GUIDELINES}/baselines/#postgres.connection-limit`,
    );
    // One request, when the dialog opened.
    expect(api.getFindings).toHaveBeenCalledTimes(1);
  });

  it('shows resolved findings on request', async () => {
    const environment = anEnvironment();
    await renderCard(environment, [
      aFinding({
        environmentId: environment.id,
        rule: 'postgres.statement-timeout',
        detectedAt: new Date(Date.now() - 3 * HOUR).toISOString(),
        resolvedAt: new Date(Date.now() - HOUR).toISOString(),
      }),
    ]);

    const dialog = await openFindings('pr-1');
    expect(
      await dialog.findByText('None: pr-1 meets its baseline.'),
    ).toBeInTheDocument();
    expect(
      dialog.queryByText('postgres.statement-timeout'),
    ).not.toBeInTheDocument();

    await userEvent.click(
      dialog.getByRole('checkbox', { name: 'Show resolved findings (1)' }),
    );
    const resolved = dialog.getByRole('list', { name: 'Resolved findings' });
    expect(resolved).toHaveTextContent('postgres.statement-timeout');
    expect(resolved).toHaveTextContent('Detected 3h ago, resolved 1h ago');
  });

  it('says when the findings could not be loaded, and tries again', async () => {
    const environment = anEnvironment();
    const api = fakeEnvironmentsApi({ environments: [environment] });
    api.getFindings.mockRejectedValueOnce(
      await responseError(503, 'The database is not reachable'),
    );
    await renderWithEnvironments(
      <EnvironmentCard environment={environment} onChanged={() => {}} />,
      { api },
    );
    await expand('pr-1');

    const dialog = await openFindings('pr-1');
    expect(
      await dialog.findByText(
        /Could not load the findings: .*The database is not reachable/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(dialog.getByRole('button', { name: 'Try again' }));
    expect(
      await dialog.findByText('None: pr-1 meets its baseline.'),
    ).toBeInTheDocument();
    expect(dialog.queryByText(/Could not load/)).not.toBeInTheDocument();
    expect(api.getFindings).toHaveBeenCalledTimes(2);
  });
});
