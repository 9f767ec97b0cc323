import { GoalHistory } from '@paved/plugin-environments-common';
import { findGoal } from '../goals/findGoal';
import { GoalsContext } from '../goals/GoalsContext';
import { isOnTrack } from '../goals/goalStatus';

/**
 * `GET /goals/{id}/history`: every snapshot of the goal, between `from` and `to` when
 * given, oldest first, with every statistic of its metric, for a report.
 */
export async function getGoalHistory(
  ctx: GoalsContext,
  id: string,
  range: { from?: string; to?: string },
): Promise<GoalHistory> {
  const goal = findGoal(ctx, id);
  // Days are YYYY-MM-DD text: the empty string sorts before every one.
  const snapshots = await ctx.store.goals.listSnapshots(
    [goal.id],
    range.from ?? '',
    range.to,
  );
  return {
    goalId: goal.id,
    title: goal.title,
    metric: goal.metric,
    statistic: goal.statistic,
    unit: goal.unit,
    ...(goal.unit === 'currency' && { currency: ctx.currency }),
    items: snapshots.map(s => ({
      day: s.day,
      value: s.value,
      target: s.target,
      direction: s.direction,
      status: s.status,
      onTrack: isOnTrack(s.status),
      ...(s.example && { example: true }),
      statistics: s.statistics,
    })),
  };
}
