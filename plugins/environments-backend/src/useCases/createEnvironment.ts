import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CreateEnvironmentResponse,
  environmentCreatePermission,
  EnvironmentPlan,
  normalizeEntityRef,
  ValidationMessage,
} from '@paved/plugin-environments-common';
import crypto from 'node:crypto';
import { audited, severityFor } from '../audit/audited';
import { principalRef } from '../authorization/principalRef';
import { assessApproval } from '../approvals/ApprovalPolicy';
import { checkExceptionsOnRequest } from '../exceptions/checkExceptionsOnRequest';
import { hashRequest } from '../idempotency/hashRequest';
import { answerWaiting, newApprovalRequest } from './approvalRequests';
import { askExceptionsOnRequest } from './requestException';
import { CreateOptions, CreateRequest, UseCaseContext } from './context';
import { checkRecordingRefusal } from './recordRefusal';
import { previewResources } from './previewResources';
import { respond } from './respond';

/**
 * Creates an environment, or plans it (`dryRun`): validated against its class and baseline,
 * authorized as the caller, stored with its create operation for the engine. A repeated
 * idempotency key answers with what the first request created.
 */
export async function createEnvironment(
  ctx: UseCaseContext,
  asked: CreateRequest,
  options: CreateOptions,
): Promise<CreateEnvironmentResponse | EnvironmentPlan> {
  const request = {
    ...asked,
    entityRef: normalizeEntityRef(asked.entityRef),
    owner: normalizeEntityRef(asked.owner),
  };
  const principal = principalRef(options.credentials);
  const idempotencyKey = options.dryRun ? undefined : options.idempotencyKey;
  if (idempotencyKey) {
    const earlier = await replay(ctx, principal, idempotencyKey, request);
    if (earlier) return earlier;
  }

  const environmentClass = ctx.classes.requireClass(request.class);
  const now = new Date();
  const expiresAt = ctx.classes.expiry(environmentClass, request.ttl, now);
  const resources = ctx.classes.planResources(
    environmentClass,
    request.resources,
  );
  const exceptions = checkExceptionsOnRequest(
    ctx.exceptions,
    environmentClass,
    resources.map(r => r.name),
    request.exceptions ?? [],
    now,
  );
  const warnings: ValidationMessage[] = [];

  const inCatalog = await hasEntity(
    ctx,
    request.entityRef,
    options.credentials,
  );
  if (!inCatalog && !options.dryRun) {
    throw new InputError(
      `entityRef: ${request.entityRef} is not in the catalog`,
    );
  }
  if (!inCatalog) {
    // A template plans before it registers the entity; the plan says what is missing.
    warnings.push({
      field: 'entityRef',
      message: `${request.entityRef} is not in the catalog yet; it must be before the environment is created`,
    });
  }
  const types = resources.map(r => r.type);
  const refusal = options.dryRun
    ? undefined
    : {
        operationType: 'create' as const,
        name: request.name,
        class: environmentClass.name,
        tier: environmentClass.tier,
        owner: request.owner,
        entityRef: request.entityRef,
        requestedBy: principal,
      };
  const broken = await checkRecordingRefusal(ctx, refusal, () =>
    ctx.classes.checkBaseline(
      environmentClass,
      {
        name: request.name,
        tier: environmentClass.tier,
        lifecycle: environmentClass.lifecycle,
        owner: request.owner,
        expiresAt: expiresAt?.toISOString(),
        resourceCount: resources.length,
        resourceTypes: types,
      },
      resources,
    ),
  );
  const cost = ctx.classes.cost(environmentClass, types);
  const approval = assessApproval(
    environmentClass.approval,
    environmentClass.name,
    { cost, addedTypes: types, warnings: broken },
  );
  // Owners may ask for what only approvers could create: the policy sees it will wait.
  await ctx.authorizer.requireAllowedCandidate(
    environmentCreatePermission,
    {
      owner: request.owner,
      tier: environmentClass.tier,
      status: approval ? 'awaiting-approval' : 'provisioning',
    },
    options.credentials,
  );
  if (
    await ctx.store.environments.hasLiveNamed(request.entityRef, request.name)
  ) {
    throw nameTaken(request);
  }
  const live = await ctx.store.environments.countLive(
    request.owner,
    environmentClass.name,
  );
  if (live >= environmentClass.maxEnvironmentsPerOwner) {
    throw new ConflictError(
      `owner: ${request.owner} already has ${live} ${environmentClass.name} environments, the most the class allows (maxEnvironmentsPerOwner: ${environmentClass.maxEnvironmentsPerOwner})`,
    );
  }

  warnings.push(...broken);
  const environment = {
    name: request.name,
    class: environmentClass.name,
    tier: environmentClass.tier,
    lifecycle: environmentClass.lifecycle,
    owner: request.owner,
    entityRef: request.entityRef,
    createdBy: principal,
    expiresAt: expiresAt?.toISOString(),
  };
  if (options.dryRun) {
    return {
      environment: {
        ...environment,
        resources: await previewResources(ctx, environment, resources),
        estimatedMonthlyCost: cost,
      },
      warnings,
      estimatedMonthlyCost: cost,
      ...(approval && {
        approval: { approvers: approval.approvers, reasons: approval.reasons },
      }),
    };
  }
  const approvalRequest =
    approval &&
    newApprovalRequest(
      approval,
      { resources, estimatedMonthlyCost: cost, warnings: broken },
      principal,
      request.reason,
      now,
    );

  const environmentId = crypto.randomUUID();
  const operationId = crypto.randomUUID();
  return audited(
    ctx.auditor,
    {
      eventId: 'environment-create',
      severityLevel: severityFor(environmentClass.tier),
      meta: {
        entityRef: request.entityRef,
        name: request.name,
        class: request.class,
        ...(approval && { awaitingApproval: approval.approvers }),
        ...(exceptions.length && {
          exceptions: exceptions.map(x => x.rule),
        }),
      },
    },
    async () => {
      const { result, answer } = await ctx.lifecycle.create(
        {
          environment: { id: environmentId, ...environment },
          resources,
          operation: {
            id: operationId,
            type: 'create',
            requestedBy: principal,
            scaffolderTaskId: options.scaffolderTaskId,
          },
          idempotency: idempotencyKey
            ? {
                principal,
                key: idempotencyKey,
                requestHash: hashRequest(request),
              }
            : undefined,
          request: approvalRequest,
          now,
        },
        // The answer describes what was queued, read before the engine starts on it.
        async () => {
          const queued = await respond(ctx, environmentId, operationId, broken);
          return approvalRequest
            ? answerWaiting(ctx, queued, approvalRequest.id)
            : queued;
        },
      );
      if (result !== 'written') {
        // A request racing this one won: either the same idempotent request, or the name.
        const earlier =
          idempotencyKey &&
          (await replay(ctx, principal, idempotencyKey, request));
        if (earlier) return { result: earlier };
        throw nameTaken(request);
      }
      await askExceptionsOnRequest(
        ctx,
        answer!.environment,
        exceptions,
        principal,
        now,
      );
      return { result: answer!, meta: { environmentId, operationId } };
    },
  );
}

async function replay(
  ctx: UseCaseContext,
  principal: string,
  key: string,
  request: CreateRequest,
): Promise<CreateEnvironmentResponse | undefined> {
  const earlier = await ctx.store.idempotency.find(principal, key);
  if (!earlier) return undefined;
  if (earlier.requestHash !== hashRequest(request)) {
    throw new ConflictError(
      `Idempotency-Key: "${key}" was already used for a different request`,
    );
  }
  return respond(ctx, earlier.environmentId, earlier.operationId);
}

async function hasEntity(
  ctx: UseCaseContext,
  entityRef: string,
  credentials: BackstageCredentials,
) {
  return Boolean(await ctx.catalog.getEntityByRef(entityRef, { credentials }));
}

function nameTaken(request: { entityRef: string; name: string }) {
  return new ConflictError(
    `name: ${request.entityRef} already has an environment named "${request.name}"`,
  );
}
