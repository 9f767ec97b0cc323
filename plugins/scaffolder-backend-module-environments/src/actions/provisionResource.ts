import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './provisionResource.examples';
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
  resourceField,
  timeoutField,
  waitField,
  waitOptions,
} from './fields';

/**
 * `paved:resource:provision`: adds one resource to an existing environment and waits until
 * it is ready. A resource of that name already in the environment counts as done, so a
 * retried step does not provision twice.
 */
export function createPavedResourceProvisionAction(options: EnvironmentsActionOptions) {
  return createTemplateAction({
    id: 'paved:resource:provision',
    description: 'Adds a resource (e.g. a PostgreSQL database) to an existing environment',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        environmentId: environmentIdField,
        ...environmentByNameFields,
        resource: resourceField,
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
      const before = await client.getEnvironment(environmentId, { token });
      const existing = before.resources.find(r => r.name === input.resource.name);
      if (existing && existing.type !== input.resource.type) {
        throw new Error(
          `${before.name} already has a ${existing.type} named ${existing.name}; choose another name`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          existing
            ? `${before.name} already has ${existing.name}; nothing to do`
            : `Would add the ${input.resource.type} ${input.resource.name} to ${before.name}`,
        );
        ctx.output('environmentId', before.id);
        ctx.output('status', before.status);
        return;
      }
      if (!existing) {
        await ctx.checkpoint({
          key: `paved-resource-provision-${environmentId}-${input.resource.name}`,
          fn: async () => {
            await client.addResources(
              environmentId,
              [{ ...input.resource, spec: input.resource.spec ?? {} }],
              { token },
            );
            return { added: input.resource.name };
          },
        });
      }
      await settleAndOutput(ctx as any, options, {
        client,
        token,
        id: environmentId,
        ...waitOptions(input),
        until: ['ready'],
      });
    },
  });
}
