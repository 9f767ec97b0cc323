import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  aProductionEnvironment,
  anEnvironment,
} from '../../__testUtils__/fixtures';
import {
  fakeEnvironmentsApi,
  responseError,
} from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { Environment } from '@paved/plugin-environments-common';
import { DestroyDialog } from './DestroyDialog';

async function openDialog(
  environment: Environment,
  api = fakeEnvironmentsApi({ environments: [environment] }),
) {
  const onDestroyed = jest.fn();
  await renderWithEnvironments(
    <DestroyDialog
      environment={environment}
      onClose={jest.fn()}
      onDestroyed={onDestroyed}
    />,
    { api },
  );
  const dialog = within(
    await screen.findByRole('dialog', {
      name: `Destroy ${environment.name}?`,
    }),
  );
  return { api, dialog, onDestroyed };
}

describe('DestroyDialog (fake API)', () => {
  it('says what is lost and destroys a non-production environment at once', async () => {
    const environment = anEnvironment();
    const { api, dialog, onDestroyed } = await openDialog(environment);

    expect(
      dialog.getByText(/removed for good: main \(postgres-database\)/),
    ).toBeInTheDocument();
    await userEvent.click(dialog.getByRole('button', { name: 'Destroy' }));

    expect(api.destroyEnvironment).toHaveBeenCalledWith(environment.id, {});
    expect(onDestroyed).toHaveBeenCalled();
  });

  it('destroys production only once its name is typed', async () => {
    const environment = aProductionEnvironment();
    const { api, dialog } = await openDialog(environment);
    const destroy = dialog.getByRole('button', { name: 'Destroy' });
    const confirm = dialog.getByRole('textbox', {
      name: 'Type prod to confirm',
    });

    expect(destroy).toBeDisabled();
    await userEvent.type(confirm, 'pro');
    expect(destroy).toBeDisabled();
    await userEvent.type(confirm, 'd');
    expect(destroy).toBeEnabled();
    await userEvent.click(destroy);

    expect(api.destroyEnvironment).toHaveBeenCalledWith(environment.id, {
      confirm: 'prod',
    });
  });

  it('names the missing permission when the server refuses', async () => {
    const environment = anEnvironment();
    const api = fakeEnvironmentsApi({ environments: [environment] });
    api.destroyEnvironment.mockRejectedValue(
      await responseError(
        403,
        `You are not allowed to do this to environment ${environment.id} (permission environments.environment.delete)`,
      ),
    );
    const { dialog, onDestroyed } = await openDialog(environment, api);

    await userEvent.click(dialog.getByRole('button', { name: 'Destroy' }));

    expect(
      await dialog.findByText(
        /You need environments.environment.delete to destroy pr-1/,
      ),
    ).toBeInTheDocument();
    expect(onDestroyed).not.toHaveBeenCalled();
  });
});
