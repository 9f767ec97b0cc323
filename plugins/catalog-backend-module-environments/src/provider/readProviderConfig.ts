import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The full read is the safety net (events carry the changes), so it can be rare; the
 * first one runs shortly after start, once the environments service is up.
 */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 10 },
};

const DOCS_ENTITY_KEY = 'catalog.providers.pavedEnvironments.docsEntity';

/** `catalog.providers.pavedEnvironments`. */
export function readProviderConfig(config: Config): {
  schedule: SchedulerServiceTaskScheduleDefinition;
  docsEntity?: string;
} {
  const schedule = config.getOptionalConfig(
    'catalog.providers.pavedEnvironments.schedule',
  );
  return {
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
    docsEntity: readDocsEntity(config),
  };
}

/** A full entity ref (`component:default/platform-guidelines`); a bad one stops the backend. */
function readDocsEntity(config: Config): string | undefined {
  const value = config.getOptionalString(DOCS_ENTITY_KEY);
  if (value === undefined) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(value));
  } catch (error) {
    throw new Error(
      `${DOCS_ENTITY_KEY}: "${value}" is not an entity ref such as component:default/platform-guidelines (${
        (error as Error).message
      })`,
    );
  }
}
