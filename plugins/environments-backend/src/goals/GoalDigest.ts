import { LoggerService } from '@backstage/backend-plugin-api';
import { GlobalTask } from '../scheduling/scheduleGlobalTask';
import { GoalsService } from './GoalsService';

/** Sends the weekly goals digest to the teams. One replica at a time. */
export class GoalDigest implements GlobalTask {
  readonly id = 'environments-goal-digest';
  readonly frequencyKey = 'environments.goalDigest.frequency';
  readonly defaultFrequency = { days: 7 };
  readonly timeout = { minutes: 15 };

  constructor(
    private readonly deps: { goals: GoalsService; logger: LoggerService },
  ) {}

  async run(now = new Date()) {
    const result = await this.deps.goals.digest(now);
    if (result.sent) {
      this.deps.logger.info(`Goals digest sent to ${result.sent} teams`);
    }
    return result;
  }
}
