import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  CreateEnvironmentResponse,
  EnvironmentPlan,
  environmentUpdatePermission,
} from '@paved/plugin-environments-common';
import crypto from 'node:crypto';
import { audited, severityFor } from '../audit/audited';
import { principalRef } from '../authorization/principalRef';
import { assessApproval } from '../approvals/ApprovalPolicy';
import { awaitUpdateApproval } from './awaitUpdateApproval';
import { CreateRequest, UseCaseContext } from './context';
import { previewResources } from './previewResources';
import { getEnvironmentToChange } from './readEnvironments';
import { checkRecordingRefusal } from './recordRefusal';
import { respond } from './respond';

/**
 * Adds resources to a live environment, provisioned by an `update` operation, or plans it
 * (`dryRun`): the same checks, and the new resources with their providers' previews.
 */
export async function addResources(
  ctx: UseCaseContext,
  id: string,
  requested: CreateRequest['resources'],
  credentials: BackstageCredentials,
  options: { dryRun?: boolean } = {},
): Promise<CreateEnvironmentResponse | EnvironmentPlan> {
  const { environment, environmentClass } = await getEnvironmentToChange(
    ctx,
    id,
    environmentUpdatePermission,
    credentials,
  );
  if (
    environment.status === 'destroying' ||
    environment.status === 'destroyed'
  ) {
    throw new ConflictError(`${environment.name} is ${environment.status}`);
  }
  const resources = ctx.classes.planResources(environmentClass, requested);
  for (const [index, resource] of resources.entries()) {
    if (environment.resources.some(r => r.name === resource.name)) {
      throw new ConflictError(
        `resources[${index}].name: ${environment.name} already has a resource named "${resource.name}"`,
      );
    }
  }
  const live = environment.resources.filter(r => r.status !== 'destroyed');
  const types = [...live, ...resources].map(r => r.type);
  const refusal = {
    operationType: 'update' as const,
    environmentId: id,
    name: environment.name,
    class: environment.class,
    tier: environment.tier,
    owner: environment.owner,
    entityRef: environment.entityRef,
    requestedBy: principalRef(credentials),
  };
  // Trying a request out is not making it: a dry run's refusal is not counted.
  const broken = await checkRecordingRefusal(
    ctx,
    options.dryRun ? undefined : refusal,
    () =>
      ctx.classes.checkBaseline(
        environmentClass,
        {
          name: environment.name,
          tier: environment.tier,
          lifecycle: environment.lifecycle,
          owner: environment.owner,
          expiresAt: environment.expiresAt,
          resourceCount: types.length,
          resourceTypes: types,
        },
        resources,
      ),
  );
  const cost = ctx.classes.cost(environmentClass, types);
  const approval = assessApproval(
    environmentClass.approval,
    environmentClass.name,
    {
      cost,
      addedTypes: resources.map(r => r.type),
      warnings: broken,
    },
  );
  if (options.dryRun) {
    const planned = {
      name: environment.name,
      class: environment.class,
      tier: environment.tier,
      lifecycle: environment.lifecycle,
      owner: environment.owner,
      entityRef: environment.entityRef,
      createdBy: environment.createdBy,
      expiresAt: environment.expiresAt,
    };
    return {
      environment: {
        ...planned,
        resources: await previewResources(ctx, planned, resources),
        estimatedMonthlyCost: cost,
      },
      warnings: broken,
      estimatedMonthlyCost: cost,
      ...(approval && {
        approval: { approvers: approval.approvers, reasons: approval.reasons },
      }),
    };
  }
  const operationId = crypto.randomUUID();
  if (approval) {
    return awaitUpdateApproval(ctx, {
      environment,
      resources,
      cost,
      broken,
      approval,
      operationId,
      credentials,
    });
  }
  return audited(
    ctx.auditor,
    {
      eventId: 'environment-update',
      severityLevel: severityFor(environment.tier),
      meta: {
        environmentId: id,
        resources: resources.map(r => `${r.type}/${r.name}`),
      },
    },
    async () => {
      const { result, answer } = await ctx.lifecycle.queue(
        'addResources',
        {
          environmentId: id,
          operation: {
            id: operationId,
            type: 'update',
            requestedBy: principalRef(credentials),
          },
          newResources: resources,
          now: new Date(),
        },
        () => respond(ctx, id, operationId, broken),
      );
      if (result === 'duplicate') {
        throw new ConflictError(
          `resources: ${environment.name} already has a resource of that name`,
        );
      }
      if (result === 'refused') {
        throw new ConflictError(`${environment.name} is being destroyed`);
      }
      return { result: answer!, meta: { operationId } };
    },
  );
}
