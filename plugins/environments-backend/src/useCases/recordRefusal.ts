import { ValidationMessage } from '@paved/plugin-environments-common';
import crypto from 'node:crypto';
import { BaselineRefusalError } from '../baselines/BaselineRefusalError';
import { BaselineRefusal } from '../database/RefusalStore';
import { UseCaseContext } from './context';

/**
 * Runs a request's baseline check; a refusal by a blocking rule is recorded before it
 * is answered, since it leaves nothing else behind for the goals to count. Plans (dry
 * runs) pass no `request`: trying a request out is not making it.
 */
export async function checkRecordingRefusal(
  ctx: UseCaseContext,
  request: Omit<BaselineRefusal, 'id' | 'rules'> | undefined,
  check: () => ValidationMessage[],
): Promise<ValidationMessage[]> {
  try {
    return check();
  } catch (error) {
    if (request && error instanceof BaselineRefusalError) {
      try {
        await ctx.store.refusals.record(
          { id: crypto.randomUUID(), ...request, rules: error.rules },
          new Date(),
        );
      } catch (recordError) {
        // The requester's answer matters more than the count.
        ctx.logger.warn(
          `Could not record the refusal of ${request.name}: ${
            (recordError as Error).message
          }`,
        );
      }
    }
    throw error;
  }
}
