import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import {
  HOUR,
  aProductionEnvironment,
  anEnvironment,
  checkoutApi,
} from '../../__testUtils__/fixtures';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { aRequest } from '../../__testUtils__/fakeRequests';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EntityEnvironmentsCard } from '../EntityEnvironmentsCard';

function renderCard(
  api: ReturnType<typeof fakeEnvironmentsApi>,
  signedInAs = 'user:default/guest',
) {
  return renderWithEnvironments(
    <TestApiProvider
      apis={[
        [identityApiRef, mockApis.identity({ userEntityRef: signedInAs })],
      ]}
    >
      <EntityEnvironmentsCard refreshIntervalMs={50} />
    </TestApiProvider>,
    { api, entity: checkoutApi },
  );
}

describe('requests on the environments card (fake API)', () => {
  const waiting = aProductionEnvironment({
    id: 'env-prod',
    status: 'awaiting-approval',
    statusReason: 'Waiting for approval by group:default/platform-team',
  });

  it('says who must decide a waiting request and since when, and lets its requester withdraw it', async () => {
    const api = fakeEnvironmentsApi({
      environments: [waiting],
      requests: [aRequest({ environmentId: waiting.id })],
    });
    await renderCard(api);

    const notice = await screen.findByRole('status', {
      name: 'Request for prod',
    });
    expect(notice).toHaveTextContent(
      /The request for prod waits for approval by .*platform-team, asked 5m ago by you\./,
    );
    expect(notice).toHaveTextContent(
      'Why: the production class needs approval for every request',
    );

    await userEvent.click(
      within(notice).getByRole('button', {
        name: 'Withdraw the request for prod',
      }),
    );
    expect(api.withdrawRequest).toHaveBeenCalledWith('req-1');
    // Withdrawn, it waits no more: the notice goes once the card loads again.
    await waitFor(() =>
      expect(
        screen.queryByRole('status', { name: 'Request for prod' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('offers no withdraw button to anyone but the requester', async () => {
    const api = fakeEnvironmentsApi({
      environments: [waiting],
      requests: [
        aRequest({
          environmentId: waiting.id,
          requestedBy: 'user:default/tomas',
        }),
      ],
    });
    await renderCard(api);

    const notice = await screen.findByRole('status', {
      name: 'Request for prod',
    });
    expect(notice).toHaveTextContent(/by .*tomas\./);
    expect(
      within(notice).queryByRole('button', { name: /Withdraw/ }),
    ).not.toBeInTheDocument();
  });

  it('shows the server’s refusal when withdrawing fails', async () => {
    const api = fakeEnvironmentsApi({
      environments: [waiting],
      requests: [aRequest({ environmentId: waiting.id })],
    });
    api.withdrawRequest.mockRejectedValueOnce(
      new Error('The request for prod is already approved'),
    );
    await renderCard(api);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Withdraw the request for prod',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not withdraw the request: The request for prod is already approved',
    );
  });

  it('says why a request was rejected, with the approver’s comment, though its environment is gone', async () => {
    const api = fakeEnvironmentsApi({
      environments: [anEnvironment({ name: 'pr-7' })],
      requests: [
        aRequest({
          state: 'rejected',
          decidedBy: 'user:default/priya',
          decidedAt: new Date(Date.now() - HOUR).toISOString(),
          comment: 'Use staging first',
        }),
        aRequest({
          id: 'req-old',
          environmentName: 'old',
          state: 'rejected',
          decidedBy: 'user:default/priya',
          decidedAt: new Date(Date.now() - 8 * 24 * HOUR).toISOString(),
          comment: 'Long ago',
        }),
      ],
    });
    await renderCard(api);

    const rejected = await screen.findByRole('alert', {
      name: 'The request for prod was rejected',
    });
    expect(rejected).toHaveTextContent(
      /The request for prod was rejected by .*priya 1h ago: Use staging first/,
    );
    // A week on, the card no longer repeats it; the Requests page keeps the history.
    expect(screen.queryByText(/Long ago/)).not.toBeInTheDocument();
  });

  it('loads the environments again when a waiting request is decided elsewhere', async () => {
    const api = fakeEnvironmentsApi({
      environments: [waiting],
      requests: [aRequest({ environmentId: waiting.id })],
    });
    await renderCard(api);
    await screen.findByRole('status', { name: 'Request for prod' });
    const loads = api.listEnvironments.mock.calls.length;

    // The approver approves: the request and the environment change on the server.
    api.setEnvironments([{ ...waiting, status: 'provisioning' }]);
    api.listRequests.mockResolvedValue([
      aRequest({ environmentId: waiting.id, state: 'approved' }),
    ]);

    await waitFor(() =>
      expect(api.listEnvironments.mock.calls.length).toBeGreaterThan(loads),
    );
    expect(
      await within(
        await screen.findByRole('article', { name: 'prod' }),
      ).findByText('Provisioning'),
    ).toBeInTheDocument();
  });
});
