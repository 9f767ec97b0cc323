import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './provisionResource.examples';
import { waitForDecision } from './approvalWait';
import { EnvironmentsActionOptions, plain } from './environmentsApi';
import { startEnvironmentStep } from './environmentStep';
import {
  environmentFields,
  environmentOutputs,
  resourceField,
  waitFields,
  waitOptions,
} from './fields';
import {
  changesOutput,
  logPlannedChanges,
  plannedChanges,
} from './plannedChanges';

/**
 * `paved:resource:provision`: adds one resource to an existing environment and waits until
 * it is ready. A resource of that name already in the environment counts as done, so a
 * retried step does not provision twice.
 */
export function createPavedResourceProvisionAction(
  options: EnvironmentsActionOptions,
) {
  return createTemplateAction({
    id: 'paved:resource:provision',
    description:
      'Adds a resource (e.g. a PostgreSQL database) to an existing environment',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        ...environmentFields,
        resource: resourceField,
        ...waitFields,
      },
      output: {
        ...environmentOutputs,
        changes: z =>
          changesOutput(z)
            .optional()
            .describe(
              'Dry run only: what the resource would commit (a gitops namespace: its files and their diff)',
            ),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const step = await startEnvironmentStep(ctx, options);
      const { client, token, environmentId } = step;
      const before = await step.environment();
      const existing = before.resources.find(
        r => r.name === input.resource.name,
      );
      if (existing && existing.type !== input.resource.type) {
        throw new Error(
          `${before.name} already has a ${existing.type} named ${existing.name}; choose another name`,
        );
      }
      const isDryRun = await step.dryRun(() =>
        existing
          ? `${before.name} already has ${existing.name}; nothing to do`
          : `Would add the ${input.resource.type} ${input.resource.name} to ${before.name}`,
      );
      if (isDryRun) {
        if (existing) return;
        // The API checks it as it would the request, and previews what it would commit.
        const plan = await client.addResources(
          environmentId,
          [{ ...input.resource, spec: input.resource.spec ?? {} }],
          { token, dryRun: true },
        );
        for (const warning of plan.warnings) {
          ctx.logger.warn(`${warning.field}: ${warning.message}`);
        }
        const changes = plannedChanges(plan);
        logPlannedChanges(ctx.logger, changes);
        ctx.output('changes', plain(changes));
        return;
      }
      if (!existing) {
        // The request id is remembered too: a recovered task waits on the same request.
        const asked = await ctx.checkpoint({
          key: `paved-resource-provision-${environmentId}-${input.resource.name}`,
          fn: async () => {
            const answer = await client.addResources(
              environmentId,
              [{ ...input.resource, spec: input.resource.spec ?? {} }],
              { token },
            );
            return {
              added: input.resource.name,
              requestId: answer.approval?.requestId ?? null,
            };
          },
        });
        const wait = waitOptions(input);
        if (asked?.requestId && wait.wait) {
          await waitForDecision({
            client,
            token,
            environmentId,
            requestId: asked.requestId,
            timeoutSeconds: wait.timeoutSeconds,
            pollIntervalMs: options.pollIntervalMs ?? 2000,
            signal: ctx.signal,
            logger: ctx.logger,
          });
        }
      }
      await step.settle(['ready']);
    },
  });
}
