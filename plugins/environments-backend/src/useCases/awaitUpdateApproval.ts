import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  CreateEnvironmentResponse,
  Environment,
  MonthlyCost,
  ValidationMessage,
} from '@paved/plugin-environments-common';
import { ApprovalVerdict } from '../approvals/ApprovalPolicy';
import { audited, severityFor } from '../audit/audited';
import { principalRef } from '../authorization/principalRef';
import { NewResource } from '../database/EnvironmentsStore';
import { answerWaiting, newApprovalRequest } from './approvalRequests';
import { UseCaseContext } from './context';
import { respond } from './respond';

/**
 * Resources to add that need approval: the `update` operation is recorded awaiting it
 * and the resources wait in the request's plan; the environment is left as it is.
 */
export async function awaitUpdateApproval(
  ctx: UseCaseContext,
  change: {
    environment: Environment;
    resources: NewResource[];
    cost: MonthlyCost;
    broken: ValidationMessage[];
    approval: ApprovalVerdict;
    operationId: string;
    credentials: BackstageCredentials;
    reason?: string;
  },
): Promise<CreateEnvironmentResponse> {
  const { environment, operationId } = change;
  const principal = principalRef(change.credentials);
  const now = new Date();
  const request = newApprovalRequest(
    change.approval,
    {
      resources: change.resources,
      estimatedMonthlyCost: change.cost,
      warnings: change.broken,
    },
    principal,
    change.reason,
    now,
  );
  return audited(
    ctx.auditor,
    {
      eventId: 'environment-update',
      severityLevel: severityFor(environment.tier),
      meta: {
        environmentId: environment.id,
        resources: change.resources.map(r => `${r.type}/${r.name}`),
        awaitingApproval: change.approval.approvers,
      },
    },
    async () => {
      const result = await ctx.lifecycle.awaitApproval({
        environmentId: environment.id,
        operation: { id: operationId, type: 'update', requestedBy: principal },
        request,
        now,
      });
      if (result === 'refused') {
        throw new ConflictError(`${environment.name} is being destroyed`);
      }
      const answer = await respond(
        ctx,
        environment.id,
        operationId,
        change.broken,
      );
      return {
        result: await answerWaiting(ctx, answer, request.id),
        meta: { operationId, requestId: request.id },
      };
    },
  );
}
