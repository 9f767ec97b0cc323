import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { waitForExamples } from '../examples/waitForExamples';
import { scheduleGlobalTask } from '../scheduling/scheduleGlobalTask';
import { createEnvironmentsBackend } from './createEnvironmentsBackend';

type Backend = Awaited<ReturnType<typeof createEnvironmentsBackend>>;

/**
 * The goals' first steps on a start, in order: the example environments (if configured
 * and the store is empty), then, once they are provisioned, the example history, ending
 * at the values measured with them, then the snapshot and digest jobs, so the first
 * measured day follows the examples. A failure to create the examples is logged; the
 * goals still start.
 */
export async function startGoals(
  deps: { scheduler: SchedulerService; config: Config; logger: LoggerService },
  backend: Pick<Backend, 'createExamples' | 'goals' | 'goalJobs' | 'store'>,
  options: { examplesTimeoutMs?: number } = {},
): Promise<void> {
  try {
    const created = await backend.createExamples();
    if (created.length) {
      deps.logger.info(
        `Created ${
          created.length
        } example environments (environments.examples): ${created.join(', ')}`,
      );
      const settled = await waitForExamples(backend.store.environments, {
        timeoutMs: options.examplesTimeoutMs,
      });
      if (!settled) {
        deps.logger.warn(
          'The example environments are still provisioning; the example goal history ends at what is measured now',
        );
      }
    }
  } catch (error) {
    deps.logger.error(
      'Could not create the example environments',
      error as Error,
    );
  }
  try {
    await backend.goals.seedExampleHistory();
  } catch (error) {
    deps.logger.error(
      'Could not seed the example goal history',
      error as Error,
    );
  }
  for (const job of backend.goalJobs) await scheduleGlobalTask(deps, job);
}
