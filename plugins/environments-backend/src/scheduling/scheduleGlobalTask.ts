import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';

/** A job that runs on one replica at a time, at a frequency an adopter may configure. */
export interface GlobalTask {
  id: string;
  /** The config key of its frequency, e.g. `environments.reconciler.frequency`. */
  frequencyKey: string;
  defaultFrequency: HumanDuration;
  timeout: HumanDuration;
  run(): Promise<unknown>;
}

/**
 * Schedules a job with `scope: 'global'`, so passes never overlap across replicas. A run
 * that throws is logged and the next one still comes.
 */
export async function scheduleGlobalTask(
  deps: { scheduler: SchedulerService; config: Config; logger: LoggerService },
  task: GlobalTask,
): Promise<void> {
  const schedule: SchedulerServiceTaskScheduleDefinition = {
    frequency: deps.config.has(task.frequencyKey)
      ? readDurationFromConfig(deps.config, { key: task.frequencyKey })
      : task.defaultFrequency,
    timeout: task.timeout,
    scope: 'global',
  };
  await deps.scheduler.scheduleTask({
    id: task.id,
    ...schedule,
    fn: async () => {
      try {
        await task.run();
      } catch (error) {
        deps.logger.error(`${task.id} failed`, error as Error);
        throw error;
      }
    },
  });
}
