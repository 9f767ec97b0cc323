import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  HOUR,
  aDatabase,
  aProductionEnvironment,
  anEnvironment,
  checkoutApi,
} from '../../__testUtils__/fixtures';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EntityEnvironmentsCard } from './EntityEnvironmentsCard';

const card = (name: string) => screen.findByRole('article', { name });
const toggle = (name: string) =>
  screen.getByRole('button', { name: `Details of ${name}` });

/** Five environments, as a service with previews open has: one of each tier, two previews. */
function fiveEnvironments() {
  const database = (name: string) =>
    aDatabase({
      outputs: { host: 'localhost', port: 5433, database: `${name}_main` },
    });
  return [
    anEnvironment({
      name: 'pr-7',
      expiresAt: new Date(Date.now() + 30 * 60_000 + 30_000).toISOString(),
      resources: [database('pr_7')],
    }),
    anEnvironment({
      name: 'staging',
      class: 'staging',
      tier: 'staging',
      lifecycle: 'static',
      expiresAt: undefined,
      status: 'degraded',
      openFindings: 2,
      openFindingsBySeverity: { blocking: 1, high: 1 },
      estimatedMonthlyCost: { amount: 45, currency: 'USD' },
      resources: [database('staging')],
    }),
    aProductionEnvironment({ resources: [database('prod')] }),
    anEnvironment({
      name: 'pr-6',
      expiresAt: new Date(Date.now() + 20 * HOUR + 30_000).toISOString(),
      resources: [database('pr_6')],
    }),
    anEnvironment({
      name: 'dev',
      class: 'development',
      tier: 'development',
      lifecycle: 'static',
      expiresAt: undefined,
      status: 'provisioning',
      estimatedMonthlyCost: { amount: 8, currency: 'USD' },
      resources: [database('dev')],
    }),
  ];
}

describe('EntityEnvironmentsCard with many environments (fake API)', () => {
  it('shows each in one line, production first: tier, status, time left, cost and findings', async () => {
    const api = fakeEnvironmentsApi({ environments: fiveEnvironments() });
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });

    await card('prod');
    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual(['prod', 'staging', 'dev', 'pr-6', 'pr-7']);
    const line = async (name: string) =>
      (await card(name)).textContent?.replace(/\s+/g, ' ');
    expect(await line('prod')).toBe(
      'prodproductionReadyno expiry$220/monthno findings',
    );
    expect(await line('staging')).toBe(
      'stagingstagingDegradedno expiry$45/month2 findings',
    );
    expect(await line('dev')).toBe(
      'devdevelopmentProvisioningno expiry$8/month',
    );
    expect(await line('pr-6')).toMatch(
      /^pr-6previewReady(20h|19h 59m) left\$4\/monthno findings$/,
    );
    expect(await line('pr-7')).toBe(
      'pr-7previewReady30m left$4/monthno findings',
    );
    // The severities are in the tooltip of the count.
    expect(
      within(await card('staging')).getByTitle(
        'Baseline: 2 open findings (1 blocking, 1 high)',
      ),
    ).toHaveTextContent('2 findings');
    // Details wait for a click: none of the databases is listed yet.
    expect(screen.queryByText(/_main$/)).not.toBeInTheDocument();
    expect(toggle('prod')).toHaveAttribute('aria-expanded', 'false');
  });

  it('opens one line for its details and actions, and closes it again', async () => {
    const api = fakeEnvironmentsApi({ environments: fiveEnvironments() });
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });
    await card('staging');

    await userEvent.click(toggle('staging'));

    const staging = within(await card('staging'));
    expect(toggle('staging')).toHaveAttribute('aria-expanded', 'true');
    expect(staging.getByText('staging_main')).toBeInTheDocument();
    expect(
      staging.getByRole('button', {
        name: 'Baseline findings of staging: 2 open findings (1 blocking, 1 high)',
      }),
    ).toBeInTheDocument();
    expect(
      staging.getByRole('button', { name: 'Destroy staging' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('prod_main')).not.toBeInTheDocument();

    await userEvent.click(toggle('staging'));
    expect(screen.queryByText('staging_main')).not.toBeInTheDocument();
  });

  it('opens a line clicked anywhere, not only on its button', async () => {
    const api = fakeEnvironmentsApi({ environments: fiveEnvironments() });
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      entity: checkoutApi,
    });
    const pr7 = within(await card('pr-7'));

    await userEvent.click(pr7.getByText('$4/month'));

    expect(toggle('pr-7')).toHaveAttribute('aria-expanded', 'true');
    expect(
      pr7.getByText('Expires in 30m: extend it if you still need it'),
    ).toBeInTheDocument();
    expect(
      pr7.getByRole('button', { name: 'Extend pr-7' }),
    ).toBeInTheDocument();
  });

  it('keeps a line open while the list reloads', async () => {
    const environments = fiveEnvironments();
    const api = fakeEnvironmentsApi({ environments });
    await renderWithEnvironments(
      <EntityEnvironmentsCard refreshIntervalMs={10} />,
      { api, entity: checkoutApi },
    );
    await card('dev');
    await userEvent.click(toggle('dev'));

    api.setEnvironments(
      environments.map(e => (e.name === 'dev' ? { ...e, status: 'ready' } : e)),
    );

    const dev = within(await card('dev'));
    expect(await dev.findByText('Ready')).toBeInTheDocument();
    expect(dev.getByText('dev_main')).toBeInTheDocument();
  });
});
