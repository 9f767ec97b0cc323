import { formatGoalValue, GoalUnit } from '@paved/plugin-environments-common';
import { GoalDefinition } from '../config/goalsConfig';
import {
  FailureCause,
  OperationFailure,
} from '../database/metrics/MetricStore';
import { CAUSE_TEXT } from '../database/metrics/operationSuccess';
import { entityLink } from './entityLink';
import { NotifyDeps, send } from './notifyRequests';

/** The Goals page, a tab of the Environments page. */
export const GOALS_PAGE = '/environments/goals';
const TOPIC = 'paved-goals';

export const goalLink = (goal: GoalDefinition) =>
  `${GOALS_PAGE}?goal=${encodeURIComponent(goal.id)}`;

/** A value in its unit, as the Goals page writes it: `96.5%`, `40 s`, `12.3 h`, `$1,200`. */
export function formatValue(
  value: number | null,
  unit: GoalUnit,
  currency: string,
): string {
  return formatGoalValue(value, { unit, currency });
}

/** `at least 95% by 2027-03-31`. */
export function describeTarget(goal: GoalDefinition, currency: string) {
  const side = goal.direction === 'atLeast' ? 'at least' : 'at most';
  return `${side} ${formatValue(goal.target, goal.unit, currency)} by ${
    goal.due
  }`;
}

/** Tells the goal's owner and the teams it covers, once, that it reached its target. */
export async function notifyGoalReached(
  deps: NotifyDeps & { currency: string },
  goal: GoalDefinition,
  value: number,
  recipients: string[],
): Promise<void> {
  for (const recipient of recipients) {
    await send(deps, recipient, {
      title: `Goal reached: ${goal.title}`,
      description: `${formatValue(
        value,
        goal.unit,
        deps.currency,
      )} against a target of ${describeTarget(
        goal,
        deps.currency,
      )}. Well done to everyone who moved it.`,
      link: goalLink(goal),
      severity: 'normal',
      topic: TOPIC,
    });
  }
}

/** One line of the digest about a goal. */
export interface DigestLine {
  goal: GoalDefinition;
  value: number | null;
  /** What happened, e.g. `reached its target`, `is back on track`, `slipped behind`. */
  change: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The week's goals and failures for one team, as one notification. */
export function digestMessage(
  content: {
    wins: DigestLine[];
    slipping: DigestLine[];
    failures: OperationFailure[];
  },
  currency: string,
) {
  const { wins, slipping, failures } = content;
  const line = (l: DigestLine) =>
    `- ${l.goal.title} ${l.change}: ${formatValue(
      l.value,
      l.goal.unit,
      currency,
    )} (target ${describeTarget(l.goal, currency)}).`;
  const lines: string[] = [];
  if (wins.length) lines.push('Wins:', ...wins.map(line));
  if (slipping.length) lines.push('Slipping:', ...slipping.map(line));
  if (!wins.length && !slipping.length) {
    lines.push('No goal reached its target or slipped this week.');
  }
  if (failures.length) {
    lines.push(`Failed this week (${failures.length}):`);
    const causes = Object.keys(CAUSE_TEXT) as FailureCause[];
    for (const cause of causes) {
      const of = failures.filter(f => f.cause === cause);
      if (!of.length) continue;
      lines.push(
        `- ${CAUSE_TEXT[cause]} (${of.length}): ${of
          .map(
            f =>
              `${f.name} ${f.operationType} ${entityLink(f.entityRef)}${
                f.operationId ? ` (operation ${f.operationId})` : ''
              }`,
          )
          .join('; ')}`,
      );
    }
  } else {
    lines.push('No operation failed this week.');
  }
  return {
    title: `Goals this week: ${plural(wins.length, 'win')}, ${
      slipping.length
    } slipping, ${plural(failures.length, 'failure')}`,
    description: lines.join('\n'),
  };
}

/** Sends one team its digest; false when it could not be sent. */
export async function sendDigest(
  deps: NotifyDeps,
  group: string,
  message: { title: string; description: string },
  hasNews: boolean,
): Promise<boolean> {
  return send(deps, group, {
    ...message,
    link: GOALS_PAGE,
    severity: hasNews ? 'normal' : 'low',
    topic: TOPIC,
  });
}
