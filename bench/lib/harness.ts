/*
 * What every bench shares: timing, percentiles, a scheduler that holds the plugins' tasks
 * so a bench runs a pass exactly when it measures one, and the portal's rule entries.
 */
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';

const LINK = '/docs/default/component/platform-guidelines/baselines/#';

/** A baseline rule entry as the portal's app-config.yaml writes one. */
export const rule = (id: string, severity: string, params?: object) => ({
  id,
  severity,
  message: id,
  link: `${LINK}${id}`,
  ...(params && { params }),
});

/** The scheduler service, holding each task in `tasks` instead of running it. */
export function heldScheduler(
  tasks: Map<string, SchedulerServiceTaskFunction>,
) {
  const hold = async (task: {
    id: string;
    fn: SchedulerServiceTaskFunction;
  }) => {
    tasks.set(task.id, task.fn);
  };
  return createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: (): SchedulerService => ({
      scheduleTask: hold,
      createScheduledTaskRunner: () => ({ run: hold }),
      triggerTask: async () => {},
      cancelTask: async () => {},
      getScheduledTasks: async () => [],
    }),
  });
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
};

/** Milliseconds one call takes. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
