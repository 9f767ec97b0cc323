import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** Paved environments and their resources, published as catalog entities. */
      pavedEnvironments?: {
        /**
         * How often every environment is read again and what was published before is
         * replaced (a full mutation). Changes in between arrive as events within seconds,
         * so this is the safety net. Default: every 10 minutes, the first 10 seconds after
         * start, at most 5 minutes each.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * The entity whose TechDocs the published environments and resources show in
         * their TechDocs tab (through `backstage.io/techdocs-entity`), typically the
         * platform guidelines: `component:default/platform-guidelines`. Unset, they have
         * no docs.
         */
        docsEntity?: string;
      };
    };
  };
}
