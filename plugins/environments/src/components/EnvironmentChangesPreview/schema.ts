import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * The EnvironmentChangesPreview's options. It plans the request the template's steps
 * will make, from the form's other fields, and shows what each resource would commit.
 * With `environmentField` it plans adding `resources` to that existing environment of
 * the component; without, creating the environment (`nameField`, `classField` or
 * `class`, `ownerField`, `ttlField`) with them. `resources` is written as in the steps,
 * `${{ parameters.x }}` included; `showIfField` hides the field while that field is off.
 * The field has no value of its own.
 * @public
 */
export const EnvironmentChangesPreviewFieldSchema = makeFieldSchema({
  output: z => z.string().optional(),
  uiOptions: z =>
    z.object({
      entityField: z
        .string()
        .default('component')
        .describe('The form field with the component or system'),
      environmentField: z
        .string()
        .optional()
        .describe(
          'The form field naming an existing environment to add the resources to',
        ),
      nameField: z
        .string()
        .default('name')
        .describe('The form field with the new environment name'),
      classField: z
        .string()
        .optional()
        .describe('The form field with the environment class'),
      class: z
        .string()
        .optional()
        .describe('The class, when the template fixes it'),
      ownerField: z
        .string()
        .default('owner')
        .describe('The form field with the owner group'),
      ttlField: z
        .string()
        .optional()
        .describe('The form field with the time to live'),
      resourcesField: z
        .string()
        .optional()
        .describe('The form field holding the resources, instead of resources'),
      resources: z
        .array(
          z.object({
            type: z.string(),
            name: z.string(),
            spec: z.record(z.unknown()).optional(),
          }),
        )
        .optional()
        .describe('The resources, as the steps write them'),
      showIfField: z
        .string()
        .optional()
        .describe('Show the preview only while this form field is on'),
    }),
});

/** @public */
export type EnvironmentChangesPreviewProps =
  typeof EnvironmentChangesPreviewFieldSchema.TProps;
