import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './destroyEnvironment.examples';
import { EnvironmentsActionOptions } from './environmentsApi';
import { startEnvironmentStep } from './environmentStep';
import { environmentFields, environmentOutputs, waitFields } from './fields';

/**
 * `paved:environment:destroy`: destroys an environment and its resources. A production
 * environment needs `confirm` set to its name. Destroying again is not an error.
 */
export function createPavedEnvironmentDestroyAction(
  options: EnvironmentsActionOptions,
) {
  return createTemplateAction({
    id: 'paved:environment:destroy',
    description: 'Destroys an environment and all its resources',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        ...environmentFields,
        confirm: z =>
          z
            .string()
            .optional()
            .describe(
              "The environment's name; required for production environments",
            ),
        ...waitFields,
      },
      output: environmentOutputs,
    },
    async handler(ctx) {
      const step = await startEnvironmentStep(ctx, options);
      // Read before destroying: who may not see the environment may not destroy it either.
      await step.environment();
      const isDryRun = await step.dryRun(
        current =>
          `Would destroy ${current.name} and its ${current.resources.length} resources`,
      );
      if (isDryRun) return;
      const { client, token, environmentId } = step;
      await ctx.checkpoint({
        key: `paved-environment-destroy-${environmentId}`,
        fn: async () => {
          await client.destroyEnvironment(environmentId, {
            token,
            confirm: ctx.input.confirm,
          });
          return { destroying: environmentId };
        },
      });
      await step.settle(['destroyed']);
    },
  });
}
