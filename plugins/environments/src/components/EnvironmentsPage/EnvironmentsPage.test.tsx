import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  HOUR,
  aDatabase,
  aFinding,
  aProductionEnvironment,
  anEnvironment,
} from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EnvironmentsPage } from './EnvironmentsPage';

const environments = () => [
  aProductionEnvironment(),
  anEnvironment({
    name: 'staging',
    class: 'staging',
    tier: 'staging',
    lifecycle: 'static',
    expiresAt: undefined,
    entityRef: 'component:default/storefront-web',
    owner: 'group:default/storefront-team',
  }),
  anEnvironment({
    name: 'pr-1',
    expiresAt: new Date(Date.now() + HOUR).toISOString(),
  }),
  anEnvironment({
    name: 'pr-2',
    status: 'failed',
    statusReason: 'boom',
    resources: [aDatabase({ name: 'orders', status: 'failed', outputs: {} })],
  }),
];

/** The environment names in the table, top to bottom. */
function shownNames(): string[] {
  return within(screen.getByRole('table'))
    .queryAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0])
    .map(cell => cell.querySelector('strong')?.textContent ?? '')
    .filter(Boolean);
}

async function choose(filter: string, option: string) {
  const filters = within(screen.getByRole('search'));
  await userEvent.click(
    filters.getByRole('button', { name: new RegExp(filter) }),
  );
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('EnvironmentsPage (fake API)', () => {
  beforeEach(async () => {
    const api = fakeEnvironmentsApi({ environments: environments() });
    await renderWithEnvironments(<EnvironmentsPage />, { api });
    await screen.findByText('Environments (4)');
  });

  it('lists every environment, production first', () => {
    expect(shownNames()).toEqual(['prod', 'staging', 'pr-1', 'pr-2']);
  });

  it('links each environment to its catalog page and shows its tier, and a class only when named otherwise', () => {
    const table = within(screen.getByRole('table'));
    expect(table.getByRole('link', { name: 'prod' })).toHaveAttribute(
      'href',
      '/catalog/default/environment/checkout-api-prod',
    );
    const [prodRow] = table.getAllByRole('row').slice(1);
    expect(within(prodRow).getByText('production')).toBeInTheDocument();
    expect(within(prodRow).queryAllByText('production')).toHaveLength(1);
  });

  it('filters by owner', async () => {
    await choose('Owner', 'group:default/storefront-team');
    expect(shownNames()).toEqual(['staging']);
  });

  it('filters by class', async () => {
    await choose('Class', 'production');
    expect(shownNames()).toEqual(['prod']);
  });

  it('filters by tier', async () => {
    await choose('Tier', 'preview');
    expect(shownNames()).toEqual(['pr-1', 'pr-2']);
  });

  it('filters by status', async () => {
    await choose('Status', 'failed');
    expect(shownNames()).toEqual(['pr-2']);
  });

  it('shows only those expiring soon', async () => {
    await choose('Expiring', 'Within 2 hours');
    expect(shownNames()).toEqual(['pr-1']);
  });

  it('searches names, components, owners and resources', async () => {
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'orders',
    );
    expect(shownNames()).toEqual(['pr-2']);

    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'storefront',
    );
    expect(shownNames()).toEqual(['staging']);
  });

  it('says so when nothing matches', async () => {
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'nothing-like-this',
    );
    expect(
      screen.getByText('No environment matches these filters.'),
    ).toBeInTheDocument();
  });
});

describe('EnvironmentsPage when the backend fails (fake API)', () => {
  it('shows a retryable error panel', async () => {
    const api = fakeEnvironmentsApi({ environments: environments() });
    api.listEnvironments.mockRejectedValueOnce(
      await responseError(500, 'Internal Server Error'),
    );
    await renderWithEnvironments(<EnvironmentsPage />, { api });

    expect(
      await screen.findByText(/Could not load the environments/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Environments (4)')).toBeInTheDocument();
  });
});

describe('EnvironmentsPage baseline findings (fake API)', () => {
  beforeEach(async () => {
    const prod = aProductionEnvironment({ status: 'degraded' });
    const pr1 = anEnvironment({ name: 'pr-1' });
    const api = fakeEnvironmentsApi({
      environments: [prod, pr1],
      findings: [
        aFinding({ environmentId: prod.id, environmentName: 'prod' }),
        aFinding({
          environmentId: prod.id,
          environmentName: 'prod',
          rule: 'postgres.statement-timeout',
          expected: '30s',
          observed: '0 (no limit)',
        }),
      ],
    });
    await renderWithEnvironments(<EnvironmentsPage />, { api });
    await screen.findByText('Environments (2)');
  });

  it('shows only those with open findings, or only those without', async () => {
    await choose('Baseline findings', 'Some open');
    expect(shownNames()).toEqual(['prod']);

    await choose('Baseline findings', 'None open');
    expect(shownNames()).toEqual(['pr-1']);
  });

  it('counts the open findings in a column that opens them', async () => {
    const table = within(screen.getByRole('table'));
    expect(
      table.getByRole('columnheader', { name: /Baseline findings/ }),
    ).toBeInTheDocument();

    await userEvent.click(
      table.getByRole('button', {
        name: 'Baseline findings of prod: 2 open findings',
      }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Baseline findings of prod' }),
    );
    const open = await dialog.findByRole('list', { name: 'Open findings' });
    expect(within(open).getAllByRole('listitem')).toHaveLength(2);
    expect(open).toHaveTextContent('postgres.statement-timeout');
    expect(open).toHaveTextContent('0 (no limit)');
  });
});

describe('EnvironmentsPage opened from a link (fake API)', () => {
  it("starts with the link's owner, tier and findings filters", async () => {
    const prod = aProductionEnvironment({
      owner: 'group:default/checkout-team',
    });
    const api = fakeEnvironmentsApi({
      environments: [...environments(), prod],
      findings: [aFinding({ environmentId: prod.id, environmentName: 'prod' })],
    });
    await renderWithEnvironments(<EnvironmentsPage />, {
      api,
      path: '/environments?owner=group:default/checkout-team&findings=open',
    });
    await screen.findByText('Environments (1)');

    expect(shownNames()).toEqual(['prod']);
    expect(
      within(screen.getByRole('search')).getByRole('button', {
        name: /Owner/,
      }),
    ).toHaveTextContent('group:default/checkout-team');
  });

  it('filters by tier from the link', async () => {
    const api = fakeEnvironmentsApi({ environments: environments() });
    await renderWithEnvironments(<EnvironmentsPage />, {
      api,
      path: '/environments?tier=preview',
    });

    await screen.findByText('Environments (2)');
    expect(shownNames()).toEqual(['pr-1', 'pr-2']);
  });
});
