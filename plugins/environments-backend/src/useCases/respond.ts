import {
  CreateEnvironmentResponse,
  ValidationMessage,
} from '@paved/plugin-environments-common';
import { UseCaseContext } from './context';

/** The answer to a write: the environment and the operation as stored now. */
export async function respond(
  ctx: UseCaseContext,
  environmentId: string,
  operationId: string,
  warnings: ValidationMessage[] = [],
): Promise<CreateEnvironmentResponse> {
  const [environment, operation] = await Promise.all([
    ctx.store.environments.getEnvironment(environmentId),
    ctx.store.operations.getOperation(operationId),
  ]);
  return {
    environment: ctx.classes.withCost(environment!),
    operation: operation!,
    ...(warnings.length ? { warnings } : {}),
  };
}
