import {
  destroyEnvironmentQuerySchema,
  environmentAndOperationSchema,
} from '@paved/plugin-environments-common';
import { z } from 'zod';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { defineAction } from './EnvironmentAction';
import { exampleAnswer, exampleEnvironment } from './examples';
import { environmentIdField } from './fields';

/** `destroy-environment`: removes an environment and everything provisioned for it. */
export function destroyEnvironmentAction(environments: EnvironmentsService) {
  return defineAction({
    name: 'destroy-environment',
    title: 'Destroy an environment',
    description: `Destroys an environment and every resource provisioned for it (databases are dropped with their data). It cannot be undone: ask the user first, naming the environment. A production environment also needs its name as \`confirm\`; pass it only when the user has said it themselves. Needs the rights of its owner group (production: the platform team). Answers with the queued destroy; follow it with get-environment until the status is \`destroyed\`. Asking again answers with the destroy already under way.`,
    attributes: { readOnly: false, destructive: true, idempotent: true },
    input: z
      .object({
        id: environmentIdField,
        confirm: destroyEnvironmentQuerySchema.shape.confirm.meta({
          description:
            "The environment's name, exactly; required for a production environment, ignored otherwise.",
        }),
      })
      .strict(),
    output: environmentAndOperationSchema,
    examples: [
      {
        title: 'Destroy a preview environment',
        input: { id: exampleEnvironment.id },
        output: exampleAnswer(
          { type: 'destroy', state: 'queued', attempts: 0 },
          { status: 'destroying' },
        ),
      },
      {
        title: 'Destroy a production environment',
        description: 'Production needs its name, as the user said it.',
        input: { id: exampleEnvironment.id, confirm: 'checkout-prod' },
      },
    ],
    async run({ id, confirm }, { credentials }) {
      return environments.destroy(id, confirm, credentials);
    },
  });
}
