import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Finding } from '@paved/plugin-environments-common';
import { HOUR, aFinding, anEnvironment } from '../../__testUtils__/fixtures';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { anException } from '../../__testUtils__/fakeExceptions';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { FindingsDialog } from './FindingsDialog';

const ASK = /^Ask for an exception/;

/** A date input's value `days` from now. */
const inDays = (days: number) =>
  new Date(Date.now() + days * 24 * HOUR).toISOString().slice(0, 10);

async function openFindings(
  findings: (environmentId: string) => Finding[],
  options: {
    allow?: (permission: string) => boolean;
    pending?: boolean;
  } = {},
) {
  const environment = anEnvironment();
  const api = fakeEnvironmentsApi({
    environments: [environment],
    findings: findings(environment.id),
    exceptions: options.pending
      ? [anException({ environmentId: environment.id, resourceId: 'db-1' })]
      : [],
  });
  await renderWithEnvironments(
    <FindingsDialog
      environment={await api.getEnvironment(environment.id)}
      onClose={() => {}}
    />,
    { api, allow: options.allow },
  );
  const dialog = within(
    await screen.findByRole('dialog', { name: 'Baseline findings of pr-1' }),
  );
  const [item] = await dialog.findAllByRole('listitem');
  return { api, environment, dialog, item: within(item) };
}

const connectionLimit = (environmentId: string) => [
  aFinding({ environmentId, resourceId: 'db-1' }),
];

async function fillIn(justification: string, until: string) {
  const ask = within(
    await screen.findByRole('dialog', {
      name: 'Ask for an exception to postgres.connection-limit',
    }),
  );
  expect(ask.getByRole('button', { name: 'Ask' })).toBeDisabled();
  expect(
    ask.getByRole('link', { name: 'About asking for an exception' }),
  ).toHaveAttribute(
    'href',
    '/docs/default/component/platform-guidelines/approvals/#asking-for-an-exception',
  );
  await userEvent.type(
    ask.getByRole('textbox', { name: 'Justification' }),
    justification,
  );
  await userEvent.type(ask.getByLabelText(/Accepted until/), until);
  await userEvent.click(ask.getByRole('button', { name: 'Ask' }));
  return ask;
}

describe('FindingsDialog exceptions (fake API)', () => {
  it('asks for an exception until the end of the chosen day, then says who decides', async () => {
    const { api, environment, item } = await openFindings(connectionLimit);

    await userEvent.click(
      item.getByRole('button', {
        name: 'Ask for an exception to postgres.connection-limit on orders',
      }),
    );
    const until = inDays(30);
    await fillIn('the batch import needs 100 connections', until);

    expect(api.requestException).toHaveBeenCalledWith(environment.id, {
      rule: 'postgres.connection-limit',
      resourceId: 'db-1',
      justification: 'the batch import needs 100 connections',
      until: `${until}T23:59:59Z`,
    });
    expect(
      await item.findByText(
        'Exception requested, waiting for group:default/platform-team',
      ),
    ).toBeInTheDocument();
    expect(item.queryByRole('button', { name: ASK })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: /^Ask for an exception/ }),
      ).not.toBeInTheDocument(),
    );
    expect(api.listExceptions).toHaveBeenCalledTimes(1);
  });

  it('shows the server’s refusal and keeps the dialog open', async () => {
    const { item } = await openFindings(connectionLimit);

    await userEvent.click(item.getByRole('button', { name: ASK }));
    const ask = await fillIn('for the whole year', inDays(200));

    expect(
      await ask.findByText(
        /until: an exception may last at most 90d \(environments.exceptions.maxDuration\)/,
      ),
    ).toBeInTheDocument();
    expect(item.queryByText(/Exception requested/)).not.toBeInTheDocument();
  });

  it('loads the pending exceptions once for every finding and shows the waiting one', async () => {
    const { api, environment, dialog } = await openFindings(
      environmentId => [
        aFinding({ environmentId, resourceId: 'db-1' }),
        aFinding({ environmentId, resourceId: 'db-2', resourceName: 'audit' }),
      ],
      { pending: true },
    );

    const [orders, audit] = dialog.getAllByRole('listitem');
    expect(
      await within(orders).findByText(
        'Exception requested, waiting for group:default/platform-team',
      ),
    ).toBeInTheDocument();
    expect(
      within(orders).queryByRole('button', { name: ASK }),
    ).not.toBeInTheDocument();
    expect(
      within(audit).getByRole('button', {
        name: 'Ask for an exception to postgres.connection-limit on audit',
      }),
    ).toBeInTheDocument();
    expect(api.listExceptions).toHaveBeenCalledTimes(1);
    expect(api.listExceptions).toHaveBeenCalledWith({
      environmentId: environment.id,
      state: 'pending',
    });
  });

  it('offers no exception for a blocking finding', async () => {
    const { dialog } = await openFindings(environmentId => [
      aFinding({
        environmentId,
        rule: 'postgres.owner-privileges',
        severity: 'blocking',
        detectedAt: new Date(Date.now() - HOUR).toISOString(),
      }),
      aFinding({ environmentId }),
    ]);

    const [blocking, high] = dialog.getAllByRole('listitem');
    expect(within(blocking).getByText('Blocking')).toBeInTheDocument();
    // Once the high one offers it, the answers are in.
    await within(high).findByRole('button', { name: ASK });
    expect(
      within(blocking).queryByRole('button', { name: ASK }),
    ).not.toBeInTheDocument();
  });

  it('offers no exception to who may not update the environment', async () => {
    const allow = jest.fn(
      (permission: string) => permission !== 'environments.environment.update',
    );
    const { item } = await openFindings(connectionLimit, { allow });

    await waitFor(() =>
      expect(allow).toHaveBeenCalledWith('environments.environment.update'),
    );
    await act(async () => {});
    expect(item.getByText('High')).toBeInTheDocument();
    expect(item.queryByRole('button', { name: ASK })).not.toBeInTheDocument();
  });

  it('shows an accepted finding as accepted, with nothing to ask', async () => {
    const { dialog, item } = await openFindings(environmentId => [
      aFinding({
        environmentId,
        exception: {
          id: 'exc-1',
          acceptedBy: 'user:default/priya',
          until: '2027-01-31T23:59:59Z',
          justification: 'the import moves in January',
        },
      }),
    ]);

    expect(dialog.getByText('Open (1, 1 accepted)')).toBeInTheDocument();
    expect(
      item.getByText(
        'Accepted by user:default/priya until Jan 31, 2027: the import moves in January',
      ),
    ).toBeInTheDocument();
    expect(item.queryByRole('button', { name: ASK })).not.toBeInTheDocument();
  });
});
