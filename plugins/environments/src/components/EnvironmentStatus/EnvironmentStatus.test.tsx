import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  aDatabase,
  anEnvironment,
  anOperation,
} from '../../__testUtils__/fixtures';
import { EnvironmentStatus } from './EnvironmentStatus';

describe('EnvironmentStatus', () => {
  it('says which resource a queued operation is for', async () => {
    const database = aDatabase({ name: 'orders', status: 'pending' });
    const environment = anEnvironment({
      status: 'provisioning',
      resources: [database],
      activeOperation: anOperation({
        type: 'update',
        state: 'queued',
        resourceId: database.id,
      }),
    });
    await renderInTestApp(<EnvironmentStatus environment={environment} />);

    expect(screen.getByText('Provisioning')).toBeInTheDocument();
    expect(screen.getByText('Updating orders: queued')).toBeInTheDocument();
  });

  it('does not repeat the status in the operation', async () => {
    await renderInTestApp(
      <EnvironmentStatus
        environment={anEnvironment({
          status: 'destroying',
          activeOperation: anOperation({ type: 'destroy' }),
        })}
      />,
    );

    expect(screen.getByText('Destroying')).toBeInTheDocument();
    expect(screen.getByText('(running)')).toBeInTheDocument();
  });

  it('links a retrying reason to the page about retries', async () => {
    await renderInTestApp(
      <EnvironmentStatus
        environment={anEnvironment({
          status: 'degraded',
          statusReason: 'Retrying: the server did not answer',
        })}
      />,
    );

    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'What this means' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/platform-guidelines/environments/requesting/#retries',
    );
  });

  it('shows the last error of a failed environment without a reason', async () => {
    await renderInTestApp(
      <EnvironmentStatus
        environment={anEnvironment({
          status: 'failed',
          activeOperation: anOperation({
            state: 'failed',
            error: 'main: disk full',
          }),
        })}
      />,
    );

    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText(/main: disk full/)).toBeInTheDocument();
  });
});
