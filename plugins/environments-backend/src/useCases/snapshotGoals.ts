import { GoalSnapshotRun } from '@paved/plugin-environments-common';
import {
  Evaluation,
  evaluateGoal,
  measured,
  recipientsOf,
} from '../goals/evaluateGoal';
import { GoalsContext } from '../goals/GoalsContext';
import { dayOf, meets } from '../goals/goalStatus';
import { notifyGoalReached } from '../notifications/notifyGoals';
import { historyOf } from './listGoals';

/**
 * Records today's snapshot of every goal (a second run on the same day replaces the
 * first), then tells the teams of each goal that crossed its target since its last
 * snapshot: once per goal and target, claimed in the store.
 */
export async function snapshotGoals(
  ctx: GoalsContext,
  now = new Date(),
): Promise<GoalSnapshotRun> {
  const today = dayOf(now);
  const history = await historyOf(ctx, ctx.goals, now);
  const evaluations = await Promise.all(
    ctx.goals.map(goal => evaluateGoal(ctx, goal, history.get(goal.id)!, now)),
  );
  await ctx.store.goals.saveSnapshots(
    evaluations.map(({ goal, measure, value, status }) => ({
      goalId: goal.id,
      day: today,
      value,
      target: goal.target,
      direction: goal.direction,
      status,
      statistics: measure.total.statistics,
    })),
    now,
  );
  for (const evaluation of evaluations) {
    const before = measured(history.get(evaluation.goal.id)!)
      .filter(s => s.day < today)
      .at(-1);
    if (evaluation.status !== 'reached' || !before) continue;
    const { target, direction } = evaluation.goal;
    if (before.value !== null && meets(before.value, target, direction)) {
      continue;
    }
    await announceReached(ctx, evaluation, now);
  }
  return {
    day: today,
    items: evaluations.map(({ goal, value, status }) => ({
      goalId: goal.id,
      value,
      target: goal.target,
      status,
    })),
  };
}

async function announceReached(
  ctx: GoalsContext,
  evaluation: Evaluation,
  now: Date,
) {
  const { goal, value } = evaluation;
  const notice = `reached:${goal.id}:${goal.direction}:${goal.target}`;
  if (!(await ctx.store.goals.claimNotice(notice, now))) return;
  await notifyGoalReached(ctx, goal, value!, recipientsOf(evaluation));
}
