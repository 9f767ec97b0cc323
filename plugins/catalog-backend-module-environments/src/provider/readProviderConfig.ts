import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/**
 * The full read is the safety net (events carry the changes), so it can be rare; the
 * first one runs shortly after start, once the environments service is up.
 */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 10 },
};

/** `catalog.providers.pavedEnvironments`. */
export function readProviderConfig(config: Config): {
  schedule: SchedulerServiceTaskScheduleDefinition;
} {
  const schedule = config.getOptionalConfig(
    'catalog.providers.pavedEnvironments.schedule',
  );
  return {
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
  };
}
