import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ExceptionsPolicy } from '../config/readEnvironmentsConfig';
import { ExceptionStore } from '../database/ExceptionStore';
import { notifyExceptionEnding } from '../notifications/notifyExceptions';

/**
 * Tells owners of exceptions that end within the notice period, once, then ends the
 * exceptions whose date has come, so the pass that follows counts their findings again.
 */
export async function passExceptionDates(
  deps: {
    exceptions: ExceptionStore;
    policy: ExceptionsPolicy;
    notifications: NotificationService;
    logger: LoggerService;
  },
  now: Date,
): Promise<number> {
  const soon = new Date(now.getTime() + deps.policy.noticeBeforeMs);
  for (const exception of await deps.exceptions.claimEndingNotices(soon, now)) {
    // One that ends before the next pass gets only the notice that it ended.
    if (Date.parse(exception.until) > now.getTime()) {
      await notifyExceptionEnding(deps, exception, false);
    }
  }
  const ended = await deps.exceptions.endDue(now);
  for (const exception of ended) {
    await notifyExceptionEnding(deps, exception, true);
  }
  return ended.length;
}
