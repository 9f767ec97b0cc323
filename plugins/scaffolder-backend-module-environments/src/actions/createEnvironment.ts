import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  EnvironmentsActionOptions,
  plain,
  toCreateRequest,
  waitForEntity,
} from './environmentsApi';
import { examples } from './createEnvironment.examples';
import { startStep } from './environmentStep';
import {
  environmentOutputs,
  exceptionField,
  resourceField,
  waitFields,
} from './fields';
import {
  changesOutput,
  logPlannedChanges,
  plannedChanges,
} from './plannedChanges';

/**
 * `paved:environment:create`: creates an environment, as the user who runs the template,
 * and waits until it is ready. Safe to run again: the request carries the task and step as
 * its idempotency key, and the step remembers the environment it created.
 */
export function createPavedEnvironmentCreateAction(
  options: EnvironmentsActionOptions,
) {
  return createTemplateAction({
    id: 'paved:environment:create',
    description:
      'Creates an environment for a component or system, with its resources, and waits until it is ready',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'A DNS label of at most 30 characters, unique for the component or system',
            ),
        class: z =>
          z
            .string()
            .describe('An environment class, e.g. preview or development'),
        owner: z =>
          z
            .string()
            .describe('The owner group, e.g. group:default/checkout-team'),
        entityRef: z =>
          z
            .string()
            .describe(
              'The component or system, e.g. component:default/checkout-api',
            ),
        ttl: z =>
          z
            .string()
            .optional()
            .describe(
              'Ephemeral classes only: how long it lives, e.g. 4h or 3d',
            ),
        resources: z =>
          z
            .array(resourceField(z))
            .default([])
            .describe('Resources to provision'),
        reason: z =>
          z
            .string()
            .optional()
            .describe(
              'Why it is needed: approvers read it when the request waits for approval',
            ),
        exceptions: z =>
          z
            .array(exceptionField(z))
            .optional()
            .describe(
              'Exceptions to high-severity baseline rules the request breaks, decided by the platform group',
            ),
        ...waitFields,
        waitForEntity: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Set when an earlier step registered entityRef: wait up to a minute for the catalog to have it',
            ),
      },
      output: {
        ...environmentOutputs,
        estimatedMonthlyCost: z =>
          z
            .object({ amount: z.number(), currency: z.string() })
            .describe('What it costs a month, from the class price table'),
        changes: z =>
          changesOutput(z)
            .optional()
            .describe(
              'Dry run only: what each resource would commit (a gitops namespace: its files and their diff)',
            ),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const step = await startStep(ctx, options);
      const { client, token } = step;
      const request = toCreateRequest(input);

      if (ctx.isDryRun) {
        const plan = await client.createEnvironment(request, {
          token,
          dryRun: true,
        });
        const cost = plan.estimatedMonthlyCost;
        ctx.logger.info(
          `Would create the ${plan.environment.class} environment ${input.name} with ${plan.environment.resources.length} resources, about ${cost.amount} ${cost.currency} a month`,
        );
        const changes = plannedChanges(plan);
        logPlannedChanges(ctx.logger, changes);
        ctx.output('status', 'planned');
        ctx.output('estimatedMonthlyCost', cost);
        ctx.output('changes', plain(changes));
        return;
      }

      if (input.waitForEntity) {
        await waitForEntity(
          options,
          input.entityRef,
          step.credentials,
          ctx.logger,
          ctx.signal,
        );
      }
      const { environmentId } = await ctx.checkpoint({
        key: `paved-environment-create-${input.entityRef}-${input.name}`,
        fn: async () => {
          const created = await client.createEnvironment(request, {
            token,
            idempotencyKey: `${ctx.task.id}:${ctx.step?.id ?? input.name}`,
            scaffolderTaskId: ctx.task.id,
          });
          // Said here as well as while waiting: an approver may decide before the first poll.
          const waiting = created.approval
            ? `: waiting for approval by ${
                created.approval.approvers
              } (${created.approval.reasons.join('; ')})`
            : '';
          ctx.logger.info(
            `Asked for the ${created.environment.class} environment ${created.environment.name} (${created.environment.id})${waiting}`,
          );
          return { environmentId: created.environment.id };
        },
      });

      const environment = await step.settle(environmentId, ['ready']);
      ctx.output(
        'estimatedMonthlyCost',
        plain(environment.estimatedMonthlyCost),
      );
    },
  });
}
