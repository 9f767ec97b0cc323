import { ConflictError } from '@backstage/errors';
import {
  createEnvironmentHeadersSchema,
  createEnvironmentRequestSchema,
  CreateEnvironmentResponse,
  environmentAndOperationSchema,
} from '@paved/plugin-environments-common';
import { z } from 'zod';
import { hashRequest } from '../idempotency/hashRequest';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { defineAction } from './EnvironmentAction';
import { exampleAnswer, exampleRequest } from './examples';

const input = createEnvironmentRequestSchema.extend({
  idempotencyKey: createEnvironmentHeadersSchema.shape['Idempotency-Key'].meta({
    description:
      'Makes a retried call safe: the same key and request answer with what the first call created. When absent, the key is derived from the request itself, so repeating an identical call never creates twice.',
  }),
});

const output = environmentAndOperationSchema.extend({
  idempotencyKey: z.string().meta({
    description:
      'The key this create was recorded under; pass it again to retry safely.',
  }),
});

/**
 * An MCP client retries a tool call with the same arguments, and the registry hands the
 * action nothing else from the call: the arguments are what identifies it.
 */
function derivedKey(request: z.output<typeof createEnvironmentRequestSchema>) {
  return `mcp-${hashRequest(request)}`;
}

/** `create-environment`: provisions an environment as the user, once per request. */
export function createEnvironmentAction(environments: EnvironmentsService) {
  return defineAction({
    name: 'create-environment',
    title: 'Create an environment',
    description: `Creates an environment for a component or system and provisions its resources (e.g. a PostgreSQL database) as the user: the owner must be a group the user may create environments for, and production is for the platform team. Answers at once with the environment (\`provisioning\`) and its queued create operation; follow it with get-environment until the status is \`ready\` or \`failed\`. When \`approval\` is set, nothing is provisioned until an approver decides. Safe to retry: an identical call (or the same \`idempotencyKey\`) answers with the environment the first one created. Call plan-environment first to show the user the cost and warnings.`,
    attributes: { readOnly: false, destructive: false, idempotent: true },
    input,
    output,
    examples: [
      {
        title: 'A preview environment with a database for a pull request',
        input: { ...exampleRequest, idempotencyKey: 'checkout-api-pr-42' },
        output: {
          ...exampleAnswer(
            { state: 'queued', attempts: 0 },
            { status: 'provisioning' },
          ),
          idempotencyKey: 'checkout-api-pr-42',
        },
      },
    ],
    async run({ idempotencyKey, ...request }, { credentials }) {
      const key = idempotencyKey ?? derivedKey(request);
      const answer = (await environments.create(request, {
        credentials,
        idempotencyKey: key,
      })) as CreateEnvironmentResponse;
      const { environment } = answer;
      if (
        !idempotencyKey &&
        (environment.status === 'destroying' ||
          environment.status === 'destroyed')
      ) {
        // An identical call created it before and it has been destroyed since: answering
        // with the old one would tell the user their new environment is gone.
        throw new ConflictError(
          `idempotencyKey: an identical earlier call created ${environment.name} (${environment.id}), which is ${environment.status} now; pass a new idempotencyKey to create it again`,
        );
      }
      return { ...answer, idempotencyKey: key };
    },
  });
}
