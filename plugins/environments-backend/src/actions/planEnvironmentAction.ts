import {
  createEnvironmentRequestSchema,
  environmentPlanSchema,
  EnvironmentPlan,
} from '@paved/plugin-environments-common';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { defineAction } from './EnvironmentAction';
import { exampleEnvironment, exampleRequest } from './examples';

/** `plan-environment`: the dry run of a create, which stores nothing. */
export function planEnvironmentAction(environments: EnvironmentsService) {
  return defineAction({
    name: 'plan-environment',
    title: 'Plan an environment',
    description: `Checks a new environment against its class and baseline without creating anything, and answers what create-environment would do: the resources with the settings their provider would use, the estimated monthly cost, warnings about baseline rules the request breaks (each with a guideline link), and \`approval\` when the class's policy would hold the request for an approver. A request that breaks a blocking rule, or that the user may not make, is refused with the reason. Plan first and show the user the plan before creating.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    input: createEnvironmentRequestSchema,
    output: environmentPlanSchema,
    examples: [
      {
        title: 'A preview environment with a database',
        input: exampleRequest,
        output: {
          environment: {
            name: 'pr-42',
            class: 'preview',
            tier: 'preview',
            lifecycle: 'ephemeral',
            owner: exampleEnvironment.owner,
            entityRef: exampleEnvironment.entityRef,
            createdBy: 'user:default/guest',
            expiresAt: exampleEnvironment.expiresAt,
            resources: exampleEnvironment.resources.map(
              ({ type, name, provider, target, spec }) => ({
                type,
                name,
                provider,
                target,
                spec,
              }),
            ),
            estimatedMonthlyCost: exampleEnvironment.estimatedMonthlyCost,
          },
          warnings: [],
          estimatedMonthlyCost: exampleEnvironment.estimatedMonthlyCost,
        },
      },
    ],
    async run(request, { credentials }) {
      return (await environments.create(request, {
        credentials,
        dryRun: true,
      })) as EnvironmentPlan;
    },
  });
}
