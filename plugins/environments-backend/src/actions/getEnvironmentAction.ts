import {
  environmentSchema,
  findingSchema,
} from '@paved/plugin-environments-common';
import { z } from 'zod';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { defineAction } from './EnvironmentAction';
import { exampleEnvironment } from './examples';
import { environmentIdField } from './fields';

const output = z.object({
  environment: environmentSchema,
  findings: z.array(findingSchema).meta({
    description:
      'Its baseline findings, open (no `resolvedAt`) and resolved, newest first. Each links to the guideline that explains the rule.',
  }),
});

/** `get-environment`: one environment as its card shows it, with its findings. */
export function getEnvironmentAction(environments: EnvironmentsService) {
  return defineAction({
    name: 'get-environment',
    title: 'Get an environment',
    description: `Gets one environment by id: its status (\`provisioning\` until every resource is ready, then \`ready\`; \`degraded\` or \`failed\` with a \`statusReason\`), its resources with their non-secret outputs (host, port, database, user), expiry, estimated monthly cost, the operation under way and its baseline findings. Call it again to follow a create, extend or destroy until the status settles. Connection passwords are never returned: the user reveals them in the portal.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    input: z.object({ id: environmentIdField }).strict(),
    output,
    examples: [
      {
        title: 'A ready preview environment',
        input: { id: exampleEnvironment.id },
        output: { environment: exampleEnvironment, findings: [] },
      },
    ],
    async run({ id }, { credentials }) {
      const [environment, findings] = await Promise.all([
        environments.get(id, credentials),
        environments.findings(id, credentials),
      ]);
      return { environment, findings };
    },
  });
}
