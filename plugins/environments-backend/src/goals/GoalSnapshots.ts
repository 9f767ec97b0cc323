import { LoggerService } from '@backstage/backend-plugin-api';
import { GlobalTask } from '../scheduling/scheduleGlobalTask';
import { GoalsService } from './GoalsService';

/**
 * Records every goal's snapshot of the day, so history survives restarts and can be
 * charted, and announces goals that reached their target. One replica at a time.
 */
export class GoalSnapshots implements GlobalTask {
  readonly id = 'environments-goal-snapshots';
  readonly frequencyKey = 'environments.goalSnapshots.frequency';
  readonly defaultFrequency = { hours: 24 };
  readonly timeout = { minutes: 15 };

  constructor(
    private readonly deps: { goals: GoalsService; logger: LoggerService },
  ) {}

  async run(now = new Date()) {
    const run = await this.deps.goals.snapshot(now);
    this.deps.logger.info(
      `Goal snapshots of ${run.day}: ${run.items.length} recorded`,
    );
    return run;
  }
}
