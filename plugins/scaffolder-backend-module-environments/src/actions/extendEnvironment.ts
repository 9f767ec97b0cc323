import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './extendEnvironment.examples';
import {
  callAsInitiator,
  resolveEnvironmentId,
  describeEnvironment,
  EnvironmentsActionOptions,
  plain,
} from './environmentsApi';
import {
  environmentByNameFields,
  environmentIdField,
  environmentOutputs,
} from './fields';

/** `paved:environment:extend`: an ephemeral environment expires `ttl` from now. */
export function createPavedEnvironmentExtendAction(options: EnvironmentsActionOptions) {
  return createTemplateAction({
    id: 'paved:environment:extend',
    description: 'Makes an ephemeral environment expire later, within its class maximum',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        environmentId: environmentIdField,
        ...environmentByNameFields,
        ttl: z => z.string().describe('How long from now, e.g. 4h or 2d'),
      },
      output: environmentOutputs,
    },
    async handler(ctx) {
      const { client, token } = await callAsInitiator(
        options,
        await ctx.getInitiatorCredentials(),
      );
      const environmentId = await resolveEnvironmentId(client, token, ctx.input);
      if (ctx.isDryRun) {
        const environment = await client.getEnvironment(environmentId, { token });
        ctx.logger.info(`Would make ${environment.name} expire ${ctx.input.ttl} from now`);
        ctx.output('environmentId', environment.id);
        ctx.output('status', environment.status);
        return;
      }
      // Extending again to the same TTL from a slightly later now is harmless.
      const { environment } = await client.extendEnvironment(
        environmentId,
        ctx.input.ttl,
        { token },
      );
      ctx.logger.info(`${environment.name} now expires at ${environment.expiresAt}`);
      for (const [name, value] of Object.entries(describeEnvironment(environment, options.appBaseUrl))) {
        if (value !== undefined) ctx.output(name as any, plain(value) as any);
      }
    },
  });
}
