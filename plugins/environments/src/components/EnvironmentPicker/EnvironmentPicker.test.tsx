import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  aProductionEnvironment,
  anEnvironment,
} from '../../__testUtils__/fixtures';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EnvironmentPicker } from './EnvironmentPicker';
import { EnvironmentPickerProps } from './schema';

const api = () =>
  fakeEnvironmentsApi({
    environments: [
      aProductionEnvironment(),
      anEnvironment({ name: 'pr-1' }),
      anEnvironment({ name: 'pr-2', status: 'destroying' }),
      anEnvironment({
        name: 'other',
        entityRef: 'component:default/storefront-web',
      }),
    ],
  });

/** The field as the scaffolder's form renders it, with the rest of the form's data. */
function renderPicker(options: {
  formData?: string;
  form: Record<string, unknown>;
  entityField?: string;
  fake?: ReturnType<typeof api>;
}) {
  const onChange = jest.fn();
  const fake = options.fake ?? api();
  const props = {
    formData: options.formData,
    onChange,
    required: true,
    rawErrors: [],
    schema: { title: 'Environment', type: 'string' },
    uiSchema: options.entityField
      ? { 'ui:options': { entityField: options.entityField } }
      : {},
    formContext: { formData: options.form },
    idSchema: { $id: 'root_environment' },
  } as unknown as EnvironmentPickerProps;
  return {
    onChange,
    fake,
    rendered: renderWithEnvironments(<EnvironmentPicker {...props} />, {
      api: fake,
    }),
  };
}

describe('EnvironmentPicker (fake API)', () => {
  it('offers the live environments of the component chosen in the form', async () => {
    const { onChange, fake, rendered } = renderPicker({
      form: { component: 'component:default/checkout-api' },
    });
    await rendered;

    await userEvent.click(
      await screen.findByRole('button', { name: /Environment/ }),
    );
    const listbox = within(await screen.findByRole('listbox'));
    expect(
      listbox.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['prod (production, ready)', 'pr-1 (preview, ready)']);
    await userEvent.click(listbox.getByRole('option', { name: /pr-1/ }));

    expect(onChange).toHaveBeenCalledWith('pr-1');
    expect(fake.listEnvironments).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      limit: 100,
    });
  });

  it('reads the component from the field named in ui:options', async () => {
    const { fake, rendered } = renderPicker({
      form: { service: 'component:default/storefront-web' },
      entityField: 'service',
    });
    await rendered;

    await userEvent.click(
      await screen.findByRole('button', { name: /Environment/ }),
    );
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(['other (preview, ready)']);
    expect(fake.listEnvironments).toHaveBeenCalledTimes(1);
  });

  it('asks for the component first', async () => {
    const { fake, rendered } = renderPicker({ form: {} });
    await rendered;

    expect(screen.getByText('Choose the component first.')).toBeInTheDocument();
    expect(fake.listEnvironments).not.toHaveBeenCalled();
  });

  it('says when the component has no environments', async () => {
    const { rendered } = renderPicker({
      form: { component: 'component:default/payments-worker' },
    });
    await rendered;

    expect(
      await screen.findByText(/It has no environments/),
    ).toBeInTheDocument();
  });

  it('clears a name that is not an environment of the chosen component', async () => {
    const { onChange, rendered } = renderPicker({
      formData: 'other',
      form: { component: 'component:default/checkout-api' },
    });
    await rendered;

    await waitFor(() => expect(onChange).toHaveBeenCalledWith(undefined));
  });
});
