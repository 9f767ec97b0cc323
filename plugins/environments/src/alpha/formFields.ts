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

/**
 * `scaffolder-form-field:environments/environment-changes-preview`: templates can use
 * `ui:field: EnvironmentChangesPreview` to show what their request would commit.
 */
export const environmentChangesPreviewFormField = FormFieldBlueprint.make({
  name: 'environment-changes-preview',
  params: {
    field: () =>
      import('../components/EnvironmentChangesPreview').then(m =>
        createFormField({
          name: 'EnvironmentChangesPreview',
          component: m.EnvironmentChangesPreview,
          schema: m.EnvironmentChangesPreviewFieldSchema,
        }),
      ),
  },
});
