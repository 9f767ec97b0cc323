import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

/**
 * `scaffolder-form-field:environments/environment-picker`: attaches to the scaffolder's
 * form-fields API, so templates can use `ui:field: EnvironmentPicker`.
 */
export const environmentPickerFormField = FormFieldBlueprint.make({
  name: 'environment-picker',
  params: {
    field: () =>
      import('../components/EnvironmentPicker').then(m =>
        createFormField({
          name: 'EnvironmentPicker',
          component: m.EnvironmentPicker,
          schema: m.EnvironmentPickerFieldSchema,
        }),
      ),
  },
});
