import { GoalStatus } from '@paved/plugin-environments-common';
import { GoalSnapshotRecord } from '../database/GoalStore';
import { OperationFailure } from '../database/metrics/MetricStore';
import { evaluateGoal, measured, recipientsOf } from '../goals/evaluateGoal';
import { GoalsContext } from '../goals/GoalsContext';
import { addDays, dayOf, isOnTrack } from '../goals/goalStatus';
import { inScope } from '../goals/resolveScope';
import {
  DigestLine,
  digestMessage,
  sendDigest,
} from '../notifications/notifyGoals';
import { historyOf } from './listGoals';

const WEEK_MS = 7 * 24 * 3600_000;

/** What changed about a goal over the week: a win, a slip, or nothing to tell. */
function weekChange(
  before: GoalStatus,
  now: GoalStatus,
): { win: boolean; change: string } | undefined {
  if (now === 'reached' && before !== 'reached') {
    return { win: true, change: 'reached its target' };
  }
  if (now === 'on-track' && !isOnTrack(before)) {
    return { win: true, change: 'is back on track' };
  }
  if (isOnTrack(before) && !isOnTrack(now) && now !== 'no-data') {
    return {
      win: false,
      change: now === 'missed' ? 'missed its due date' : 'slipped behind',
    };
  }
  return undefined;
}

/**
 * The goal's snapshot a week ago (the last of the week before), or the earliest of this
 * week when the goal is newer; none when there is no snapshot that recent.
 */
function weekAgo(history: GoalSnapshotRecord[], today: string) {
  const start = addDays(today, -7);
  const weekBefore = addDays(today, -14);
  return (
    history.filter(s => s.day <= start && s.day > weekBefore).at(-1) ??
    history.find(s => s.day > start && s.day < today)
  );
}

/**
 * The weekly digest: each goal's owner group and the teams it covers hear, in one
 * notification, the goals that reached their target or got back on track (wins), the
 * ones that slipped, and the week's failed operations and refused requests by cause:
 * all of them in a goal's scope for its owner, their own for the teams. Once per team
 * and day, claimed in the store, whichever replica runs it.
 */
export async function sendWeeklyDigest(
  ctx: GoalsContext,
  now = new Date(),
): Promise<{ sent: number }> {
  const today = dayOf(now);
  const history = await historyOf(ctx, ctx.goals, now);
  const evaluations = await Promise.all(
    ctx.goals.map(goal => evaluateGoal(ctx, goal, history.get(goal.id)!, now)),
  );
  const failures = await ctx.store.metrics.listFailures(
    {
      scope: {},
      now,
      since: new Date(now.getTime() - WEEK_MS),
      prices: ctx.prices,
      currency: ctx.currency,
    },
    500,
  );
  const befores = evaluations.map(e =>
    weekAgo(measured(history.get(e.goal.id)!), today),
  );
  if (!befores.some(Boolean) && !failures.length) {
    // Goals only began to be tracked: nothing to compare, nothing to report yet.
    return { sent: 0 };
  }
  const digests = new Map<
    string,
    {
      wins: DigestLine[];
      slipping: DigestLine[];
      failures: Set<OperationFailure>;
    }
  >();
  const digestOf = (group: string) => {
    const digest = digests.get(group) ?? {
      wins: [],
      slipping: [],
      failures: new Set<OperationFailure>(),
    };
    digests.set(group, digest);
    return digest;
  };
  for (const [index, evaluation] of evaluations.entries()) {
    const before = befores[index];
    const change = before && weekChange(before.status, evaluation.status);
    for (const group of recipientsOf(evaluation)) {
      const digest = digestOf(group);
      if (change) {
        const line = {
          goal: evaluation.goal,
          value: evaluation.value,
          change: change.change,
        };
        (change.win ? digest.wins : digest.slipping).push(line);
      }
      failures
        .filter(f => inScope(f, evaluation.scope))
        .filter(f => group === evaluation.goal.owner || f.owner === group)
        .forEach(f => digest.failures.add(f));
    }
  }
  let sent = 0;
  for (const [group, digest] of digests) {
    const notice = `digest:${today}:${group}`;
    if (!(await ctx.store.goals.claimNotice(notice, now))) continue;
    const content = {
      ...digest,
      failures: [...digest.failures].sort((a, b) => b.at.localeCompare(a.at)),
    };
    const hasNews = Boolean(content.wins.length || content.slipping.length);
    const delivered = await sendDigest(
      ctx,
      group,
      digestMessage(content, ctx.currency),
      hasNews,
    );
    if (delivered) sent += 1;
    // Not delivered: given back, so the next pass of the day tries again.
    else await ctx.store.goals.releaseNotice(notice);
  }
  return { sent };
}
