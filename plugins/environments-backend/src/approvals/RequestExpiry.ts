import { LoggerService } from '@backstage/backend-plugin-api';
import { GlobalTask } from '../scheduling/scheduleGlobalTask';
import { EnvironmentsService } from '../services/EnvironmentsService';

/**
 * Requests waiting past their class's `approval.expireAfter` expire with nothing
 * provisioned, and their requester is told. Runs on one replica at a time.
 */
export class RequestExpiry implements GlobalTask {
  readonly id = 'environments-request-expiry';
  readonly frequencyKey = 'environments.requests.frequency';
  readonly defaultFrequency = { minutes: 1 };
  readonly timeout = { minutes: 5 };

  constructor(
    private readonly deps: {
      environments: EnvironmentsService;
      logger: LoggerService;
    },
  ) {}

  async run(now = new Date()) {
    const result = await this.deps.environments.expireRequests(now);
    if (result.expired || result.notified) {
      this.deps.logger.info(
        `Request expiry: expired ${result.expired}, notified ${result.notified}`,
      );
    }
    return result;
  }
}
