import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './destroyEnvironment.examples';
import {
  callAsInitiator,
  resolveEnvironmentId,
  EnvironmentsActionOptions,
  settleAndOutput,
} from './environmentsApi';
import {
  environmentByNameFields,
  environmentIdField,
  environmentOutputs,
  timeoutField,
  waitField,
  waitOptions,
} from './fields';

/**
 * `paved:environment:destroy`: destroys an environment and its resources. A production
 * environment needs `confirm` set to its name. Destroying again is not an error.
 */
export function createPavedEnvironmentDestroyAction(options: EnvironmentsActionOptions) {
  return createTemplateAction({
    id: 'paved:environment:destroy',
    description: 'Destroys an environment and all its resources',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        environmentId: environmentIdField,
        ...environmentByNameFields,
        confirm: z =>
          z
            .string()
            .optional()
            .describe("The environment's name; required for production environments"),
        wait: waitField,
        timeout: timeoutField,
      },
      output: environmentOutputs,
    },
    async handler(ctx) {
      const { input } = ctx;
      const { client, token } = await callAsInitiator(
        options,
        await ctx.getInitiatorCredentials(),
      );
      const environmentId = await resolveEnvironmentId(client, token, ctx.input);
      const current = await client.getEnvironment(environmentId, { token });
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Would destroy ${current.name} and its ${current.resources.length} resources`,
        );
        ctx.output('environmentId', current.id);
        ctx.output('status', current.status);
        return;
      }
      await ctx.checkpoint({
        key: `paved-environment-destroy-${environmentId}`,
        fn: async () => {
          await client.destroyEnvironment(environmentId, {
            token,
            confirm: input.confirm,
          });
          return { destroying: environmentId };
        },
      });
      await settleAndOutput(ctx as any, options, {
        client,
        token,
        id: environmentId,
        ...waitOptions(input),
        until: ['destroyed'],
      });
    },
  });
}
