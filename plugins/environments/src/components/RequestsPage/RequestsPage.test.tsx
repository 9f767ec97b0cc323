import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApprovalRequest } from '@paved/plugin-environments-common';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { RequestsPage } from './RequestsPage';

const aRequest = (
  overrides: Partial<ApprovalRequest> = {},
): ApprovalRequest => ({
  id: 'req-1',
  state: 'pending',
  environmentId: 'env-1',
  environmentName: 'prod',
  entityRef: 'component:default/checkout-api',
  owner: 'group:default/checkout-team',
  class: 'production',
  tier: 'production',
  operationId: 'op-1',
  operationType: 'create',
  approvers: 'group:default/platform-team',
  reasons: ['every request of the production class needs approval'],
  requestedBy: 'user:default/guest',
  reason: 'launch of checkout v2',
  resources: [
    {
      type: 'postgres-database',
      name: 'main',
      provider: 'postgres',
      target: 'embedded',
      spec: {},
    },
  ],
  estimatedMonthlyCost: { amount: 220, currency: 'USD' },
  warnings: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-08T10:00:00.000Z',
  ...overrides,
});

describe('RequestsPage', () => {
  it('shows approvers what waits for them and sends the decision with the comment', async () => {
    const api = fakeEnvironmentsApi();
    const pending = aRequest();
    const decided = aRequest({
      id: 'req-2',
      environmentName: 'prod-2',
      state: 'rejected',
      decidedBy: 'user:default/priya',
      comment: 'use staging',
    });
    api.listRequests = jest.fn(async (request = {}) =>
      request.toDecide ? [pending] : [pending, decided],
    );
    const decideRequest = jest.fn(async () => ({
      ...pending,
      state: 'rejected',
    }));
    Object.assign(api, { decideRequest });
    await renderWithEnvironments(<RequestsPage />, { api });

    await screen.findByText('Waiting for your decision');
    const waiting = screen
      .getByText('Waiting for your decision')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(
      within(waiting).getByText(/launch of checkout v2/),
    ).toBeInTheDocument();
    expect(within(waiting).getByText(/220 USD\/month/)).toBeInTheDocument();
    const reject = within(waiting).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    await userEvent.type(
      within(waiting).getByLabelText('Comment on prod'),
      'too big',
    );
    await userEvent.click(reject);
    expect(decideRequest).toHaveBeenCalledWith('req-1', {
      decision: 'reject',
      comment: 'too big',
    });
    expect(
      screen.getByText('rejected by user:default/priya: use staging'),
    ).toBeInTheDocument();
  });
});
