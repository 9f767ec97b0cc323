import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './extendEnvironment.examples';
import { EnvironmentsActionOptions } from './environmentsApi';
import { startEnvironmentStep } from './environmentStep';
import { environmentFields, environmentOutputs } from './fields';

/** `paved:environment:extend`: an ephemeral environment expires `ttl` from now. */
export function createPavedEnvironmentExtendAction(
  options: EnvironmentsActionOptions,
) {
  return createTemplateAction({
    id: 'paved:environment:extend',
    description:
      'Makes an ephemeral environment expire later, within its class maximum',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        ...environmentFields,
        ttl: z => z.string().describe('How long from now, e.g. 4h or 2d'),
      },
      output: environmentOutputs,
    },
    async handler(ctx) {
      const step = await startEnvironmentStep(ctx, options);
      const isDryRun = await step.dryRun(
        current =>
          `Would make ${current.name} expire ${ctx.input.ttl} from now`,
      );
      if (isDryRun) return;
      // Extending again to the same TTL from a slightly later now is harmless.
      const { environment } = await step.client.extendEnvironment(
        step.environmentId,
        ctx.input.ttl,
        { token: step.token },
      );
      ctx.logger.info(
        `${environment.name} now expires at ${environment.expiresAt}`,
      );
      step.output(environment);
    },
  });
}
