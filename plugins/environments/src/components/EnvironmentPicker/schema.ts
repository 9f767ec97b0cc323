import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * The EnvironmentPicker's value (an environment's name) and options. `entityField`
 * names the form field holding the component (an EntityPicker), `component` unless
 * told otherwise.
 * @public
 */
export const EnvironmentPickerFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      entityField: z
        .string()
        .default('component')
        .describe('The form field whose component the environments belong to'),
    }),
});

/** @public */
export type EnvironmentPickerProps = typeof EnvironmentPickerFieldSchema.TProps;
