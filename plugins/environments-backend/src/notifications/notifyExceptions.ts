import { BaselineException } from '@paved/plugin-environments-common';
import { entityLink } from './entityLink';
import { NotifyDeps, REQUESTS_PAGE, send } from './notifyRequests';

const TOPIC = 'paved-baseline-exceptions';

const subject = (exception: BaselineException) =>
  `${exception.rule}${
    exception.resourceName ? ` on ${exception.resourceName}` : ''
  } of ${exception.environmentName}`;

const day = (iso: string) => iso.slice(0, 10);

/** Tells the approver group that an exception waits for them. */
export async function notifyExceptionApprovers(
  deps: NotifyDeps,
  exception: BaselineException,
): Promise<void> {
  await send(deps, exception.approvers, {
    title: `${exception.requestedBy} asks for an exception to ${subject(
      exception,
    )} until ${day(exception.until)}`,
    description: exception.justification,
    link: REQUESTS_PAGE,
    severity: 'normal',
    topic: TOPIC,
  });
}

/** Tells the one who asked how the exception was decided. */
export async function notifyExceptionRequester(
  deps: NotifyDeps,
  exception: BaselineException,
): Promise<void> {
  await send(deps, exception.requestedBy, {
    title: `Your exception to ${subject(exception)} was ${exception.state} by ${
      exception.decidedBy
    }`,
    description:
      exception.comment ??
      (exception.state === 'approved'
        ? `Its findings are accepted until ${day(exception.until)}.`
        : 'Its findings count as before.'),
    link: entityLink(exception.entityRef),
    severity: exception.state === 'rejected' ? 'high' : 'normal',
    topic: TOPIC,
  });
}

/** Tells the owner group an exception ends soon, or has ended, so its findings count again. */
export async function notifyExceptionEnding(
  deps: NotifyDeps,
  exception: BaselineException,
  ended: boolean,
): Promise<void> {
  await send(deps, exception.owner, {
    title: ended
      ? `The exception to ${subject(exception)} has ended`
      : `The exception to ${subject(exception)} ends on ${day(
          exception.until,
        )}`,
    description: ended
      ? `Its findings count again and degrade ${exception.environmentName} until the rule is met.`
      : `Meet the rule before then, or ask for a new exception: its findings will degrade ${exception.environmentName} again. Accepted by ${exception.decidedBy}: ${exception.justification}`,
    link: entityLink(exception.entityRef),
    severity: ended ? 'high' : 'normal',
    topic: TOPIC,
  });
}
