import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  EnvironmentsActionOptions,
  plain,
  toCreateRequest,
} from './environmentsApi';
import { examples } from './planEnvironment.examples';
import { startStep } from './environmentStep';
import { resourceField } from './fields';
import {
  changesOutput,
  logPlannedChanges,
  plannedChanges,
} from './plannedChanges';

/**
 * `paved:environment:plan`: asks the environments API whether it would create the
 * environment, and creates nothing. A template runs it before its first lasting effect,
 * so a request the API would refuse (the class, a limit, a permission, a spec) fails the
 * task before a repository or a catalog entry exists.
 */
export function createPavedEnvironmentPlanAction(
  options: EnvironmentsActionOptions,
) {
  return createTemplateAction({
    id: 'paved:environment:plan',
    description:
      'Checks that an environment could be created, with its estimated cost, without creating anything',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        name: z => z.string().describe('The environment name'),
        class: z =>
          z.string().describe('An environment class, e.g. development'),
        owner: z => z.string().describe('The owner group'),
        entityRef: z =>
          z.string().describe('The component or system it will belong to'),
        ttl: z => z.string().optional().describe('Ephemeral classes only'),
        resources: z =>
          z.array(resourceField(z)).default([]).describe('Its resources'),
        newEntity: z =>
          z
            .boolean()
            .optional()
            .describe(
              'The template registers entityRef itself: fail if the catalog has it already',
            ),
      },
      output: {
        estimatedMonthlyCost: z =>
          z
            .object({ amount: z.number(), currency: z.string() })
            .describe('What it would cost a month'),
        warnings: z =>
          z
            .array(z.object({ field: z.string(), message: z.string() }))
            .describe('What the API would accept but wants said'),
        changes: changesOutput,
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const { client, token, credentials } = await startStep(ctx, options);
      if (input.newEntity && options.catalog) {
        if (
          await options.catalog.getEntityByRef(input.entityRef, { credentials })
        ) {
          throw new ConflictError(
            `entityRef: ${input.entityRef} is already in the catalog; choose another name`,
          );
        }
      }
      const plan = await client.createEnvironment(toCreateRequest(input), {
        token,
        dryRun: true,
      });
      // The entity a template is about to register is expected to be missing.
      const warnings = plan.warnings.filter(
        w => !(input.newEntity && w.field === 'entityRef'),
      );
      for (const warning of warnings) {
        ctx.logger.warn(`${warning.field}: ${warning.message}`);
      }
      const cost = plan.estimatedMonthlyCost;
      ctx.logger.info(
        `The ${plan.environment.class} environment ${input.name} can be created, about ${cost.amount} ${cost.currency} a month`,
      );
      const changes = plannedChanges(plan);
      logPlannedChanges(ctx.logger, changes);
      ctx.output('estimatedMonthlyCost', plain(cost));
      ctx.output('warnings', plain(warnings));
      ctx.output('changes', plain(changes));
    },
  });
}
