import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { GoalDetail } from '@paved/plugin-environments-common';
import { evaluateGoal, toApiGoal, windowStart } from '../goals/evaluateGoal';
import { findGoal } from '../goals/findGoal';
import { GoalsContext } from '../goals/GoalsContext';
import { historyOf } from './listGoals';

/** How many environments a goal's page lists as holding it back. */
const HOLDERS = 50;

/**
 * `GET /goals/{id}`: the goal, its value per owner group and per class, and the
 * environments that hold it back, only those the caller may read (a conditional
 * decision becomes a filter in the metric's SQL).
 */
export async function getGoal(
  ctx: GoalsContext,
  id: string,
  credentials: BackstageCredentials,
  now = new Date(),
): Promise<GoalDetail> {
  const goal = findGoal(ctx, id);
  const snapshots = (await historyOf(ctx, [goal], now)).get(goal.id)!;
  const evaluation = await evaluateGoal(ctx, goal, snapshots, now);
  const read = await ctx.authorizer.readScope(credentials);
  const holdingBack = read.denied
    ? []
    : await ctx.store.metrics.holdingBack(goal.metric, {
        scope: evaluation.scope,
        now,
        since: windowStart(goal, now),
        prices: ctx.prices,
        currency: ctx.currency,
        statistic: goal.statistic,
        target: goal.target,
        direction: goal.direction,
        readFilter: read.filter,
        limit: HOLDERS,
      });
  const rows = (list: typeof evaluation.measure.byOwner) =>
    list.map(m => ({
      key: m.key,
      value: m.statistics[goal.statistic] ?? null,
      count: m.count,
    }));
  return {
    ...toApiGoal(ctx, evaluation, snapshots, now),
    breakdown: {
      byOwner: rows(evaluation.measure.byOwner),
      byClass: rows(evaluation.measure.byClass),
    },
    holdingBack,
  };
}
