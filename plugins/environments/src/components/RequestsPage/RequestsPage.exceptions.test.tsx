import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { anException } from '../../__testUtils__/fakeExceptions';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { RequestsPage } from './RequestsPage';

const pending = anException();
const approved = anException({
  id: 'exc-0',
  environmentName: 'staging',
  rule: 'postgres.statement-timeout',
  resourceName: 'main',
  state: 'approved',
  decidedBy: 'user:default/priya',
  comment: 'until the migration',
});

/** The Requests page of `user`, with no request and the two exceptions above. */
async function renderPage(user = 'user:default/guest') {
  const api = fakeEnvironmentsApi({ exceptions: [pending, approved], user });
  api.listRequests = jest.fn(async () => []);
  await renderWithEnvironments(<RequestsPage />, { api });
  return api;
}

async function waitingTable() {
  const title = await screen.findByText('Exceptions waiting for your decision');
  return within(title.closest('div[class*="MuiPaper"]') as HTMLElement);
}

function historyRow(environmentName: string) {
  const history = screen
    .getByText('Exceptions and decisions')
    .closest('div[class*="MuiPaper"]') as HTMLElement;
  return within(history)
    .getAllByRole('row')
    .find(row => within(row).queryByText(new RegExp(`^${environmentName} `)))!;
}

describe('RequestsPage exceptions (fake API)', () => {
  it('shows an approver what waits for them and approves it', async () => {
    const api = await renderPage();

    const waiting = await waitingTable();
    expect(waiting.getByText('pr-1 (preview)')).toBeInTheDocument();
    expect(
      waiting.getByText('postgres.connection-limit on orders'),
    ).toBeInTheDocument();
    expect(
      waiting.getByText(
        'the batch import needs 100 connections until it moves',
      ),
    ).toBeInTheDocument();
    expect(waiting.getByText('Jan 31, 2027')).toBeInTheDocument();
    expect(waiting.getByText(/^user:default\/jane · /)).toBeInTheDocument();
    expect(waiting.queryByText(/^staging/)).not.toBeInTheDocument();

    await userEvent.click(waiting.getByRole('button', { name: 'Approve' }));

    expect(api.decideException).toHaveBeenCalledWith('exc-1', {
      decision: 'approve',
      comment: undefined,
    });
    expect(
      await within(historyRow('pr-1')).findByText(
        'approved by user:default/guest',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Exceptions waiting for your decision'),
    ).not.toBeInTheDocument();
  });

  it('rejects only with a comment, which everyone then reads', async () => {
    const api = await renderPage();

    const waiting = await waitingTable();
    const reject = waiting.getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    await userEvent.type(
      waiting.getByLabelText(
        'Comment on the exception to postgres.connection-limit of pr-1',
      ),
      'move the import first',
    );
    await userEvent.click(reject);

    expect(api.decideException).toHaveBeenCalledWith('exc-1', {
      decision: 'reject',
      comment: 'move the import first',
    });
    expect(
      await within(historyRow('pr-1')).findByText(
        'rejected by user:default/guest: move the import first',
      ),
    ).toBeInTheDocument();
  });

  it('shows everyone the exceptions and their decisions, with nothing to decide', async () => {
    await renderPage('user:default/jane');

    expect(
      await within(await waitFor(() => historyRow('pr-1'))).findByText(
        'pending · group:default/platform-team decides',
      ),
    ).toBeInTheDocument();
    expect(
      within(historyRow('staging')).getByText(
        'approved by user:default/priya: until the migration',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Exceptions waiting for your decision'),
    ).not.toBeInTheDocument();
  });
});
