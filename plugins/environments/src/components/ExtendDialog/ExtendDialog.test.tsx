import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HOUR, anEnvironment } from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { ExtendDialog } from './ExtendDialog';

async function openDialog(
  environment = anEnvironment(),
  api = fakeEnvironmentsApi({ environments: [environment] }),
) {
  const onExtended = jest.fn();
  await renderWithEnvironments(
    <ExtendDialog
      environment={environment}
      onClose={jest.fn()}
      onExtended={onExtended}
    />,
    { api },
  );
  const dialog = within(
    await screen.findByRole('dialog', { name: `Extend ${environment.name}` }),
  );
  const ttl = dialog.getByRole('textbox', { name: 'Time to live from now' });
  // The class's default arrives with the classes.
  await dialog.findByDisplayValue('24h');
  return { api, dialog, ttl, onExtended, environment };
}

describe('ExtendDialog (fake API)', () => {
  it('states the class limit and starts from its default', async () => {
    const { dialog, api } = await openDialog();

    expect(
      dialog.getByText(/up to 7d for the preview class/),
    ).toBeInTheDocument();
    expect(api.listClasses).toHaveBeenCalledTimes(1);
  });

  it('extends with a valid time to live', async () => {
    const { dialog, ttl, api, onExtended, environment } = await openDialog();

    await userEvent.clear(ttl);
    await userEvent.type(ttl, '3d');
    await userEvent.click(dialog.getByRole('button', { name: 'Extend' }));

    expect(api.extendEnvironment).toHaveBeenCalledWith(environment.id, '3d');
    expect(onExtended).toHaveBeenCalled();
  });

  it.each([
    ['forever', 'Use a whole number and one unit: 30m, 4h or 7d'],
    ['30d', 'At most 7d: the longest its class allows'],
    [
      '2h',
      /already has 19h 59m left; extending never shortens it|already has 20h left/,
    ],
  ])('refuses %s in the form', async (value, message) => {
    const { dialog, ttl, api } = await openDialog();

    await userEvent.clear(ttl);
    await userEvent.type(ttl, value);

    expect(dialog.getByText(message)).toBeInTheDocument();
    expect(ttl).toHaveAttribute('aria-invalid', 'true');
    expect(dialog.getByRole('button', { name: 'Extend' })).toBeDisabled();
    await userEvent.keyboard('{Enter}');
    expect(api.extendEnvironment).not.toHaveBeenCalled();
  });

  it('names the missing permission when the server refuses', async () => {
    const environment = anEnvironment({
      expiresAt: new Date(Date.now() + HOUR).toISOString(),
    });
    const api = fakeEnvironmentsApi({ environments: [environment] });
    api.extendEnvironment.mockRejectedValue(
      await responseError(403, 'You are not allowed to do this'),
    );
    const { dialog } = await openDialog(environment, api);

    await userEvent.click(dialog.getByRole('button', { name: 'Extend' }));

    expect(
      await dialog.findByText(
        /You need environments.environment.update to extend pr-1/,
      ),
    ).toBeInTheDocument();
  });
});
