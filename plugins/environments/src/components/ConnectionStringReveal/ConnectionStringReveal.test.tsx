import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aDatabase } from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { ConnectionStringReveal } from './ConnectionStringReveal';

describe('ConnectionStringReveal (fake API)', () => {
  it('masks the connection string until asked, and forgets it when hidden', async () => {
    const resource = aDatabase();
    const api = fakeEnvironmentsApi();
    await renderWithEnvironments(
      <ConnectionStringReveal resource={resource} />,
      { api },
    );

    expect(screen.queryByText(/postgresql:\/\//)).not.toBeInTheDocument();
    expect(api.revealSecret).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Reveal the connection string of main',
      }),
    );
    expect(
      await screen.findByText(
        `postgresql://owner:s3cret-${resource.id}@localhost:5433/main`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Copy the connection string of main',
      }),
    ).toBeInTheDocument();
    expect(api.revealSecret).toHaveBeenCalledWith(resource.id);

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Hide the connection string of main',
      }),
    );
    expect(screen.queryByText(/postgresql:\/\//)).not.toBeInTheDocument();
  });

  it('names the missing permission when the reveal is refused', async () => {
    const api = fakeEnvironmentsApi();
    api.revealSecret.mockRejectedValue(await responseError(403, 'Forbidden'));
    await renderWithEnvironments(
      <ConnectionStringReveal resource={aDatabase()} />,
      { api },
    );

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Reveal the connection string of main',
      }),
    );

    expect(
      await screen.findByText(
        /You need environments.resource.secret.read to reveal the connection string of main/,
      ),
    ).toBeInTheDocument();
  });
});
