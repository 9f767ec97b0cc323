import {
  entityRefSchema,
  environmentIdParamsSchema,
} from '@paved/plugin-environments-common';
import { z } from 'zod';

/** The environment an action is about, as the other actions return it. */
export const environmentIdField = environmentIdParamsSchema.shape.id.meta({
  description:
    'The environment\'s id (`environment.id` in what list-environments or create-environment return), not its name. An environment the caller may not read is "not found".',
});

/** Components or systems to narrow a list to. */
export const entityRefsField = z
  .array(entityRefSchema)
  .min(1, 'must list at least one entity ref')
  .max(50, 'must list at most 50 entity refs')
  .optional()
  .meta({
    description:
      'Only these components or systems, e.g. `["component:default/checkout-api"]`. Use the catalog to find an entity ref from a name.',
  });
