import { Goal, normalizeEntityRef } from '@paved/plugin-environments-common';
import { GoalDefinition } from '../config/goalsConfig';
import { GoalSnapshotRecord } from '../database/GoalStore';
import { evaluateGoal, toApiGoal } from '../goals/evaluateGoal';
import { GoalsContext } from '../goals/GoalsContext';
import { addDays, dayOf } from '../goals/goalStatus';

/** Days of history a goal is answered with, today's included. */
export const HISTORY_DAYS = 90;

/** The goals' snapshots of the last 90 days, by goal, oldest first. */
export async function historyOf(
  ctx: GoalsContext,
  goals: GoalDefinition[],
  now: Date,
): Promise<Map<string, GoalSnapshotRecord[]>> {
  const since = addDays(dayOf(now), 1 - HISTORY_DAYS);
  const snapshots = await ctx.store.goals.listSnapshots(
    goals.map(g => g.id),
    since,
  );
  const byGoal = new Map<string, GoalSnapshotRecord[]>(
    goals.map(g => [g.id, []]),
  );
  for (const s of snapshots) byGoal.get(s.goalId)?.push(s);
  return byGoal;
}

/** A group's goals: the ones it owns, and the ones scoped to its environments. */
export function goalsOfGroup(goals: GoalDefinition[], group?: string) {
  if (!group) return goals;
  const ref = normalizeEntityRef(group);
  return goals.filter(g => g.owner === ref || g.scope.owner === ref);
}

/**
 * `GET /goals`: every goal (or a group's), measured now, with 90 days of history. Any
 * signed-in caller may read them; a goal's value counts every environment of its scope.
 */
export async function listGoals(
  ctx: GoalsContext,
  query: { group?: string },
  now = new Date(),
): Promise<Goal[]> {
  const goals = goalsOfGroup(ctx.goals, query.group);
  const history = await historyOf(ctx, goals, now);
  return Promise.all(
    goals.map(async goal => {
      const snapshots = history.get(goal.id)!;
      const evaluation = await evaluateGoal(ctx, goal, snapshots, now);
      return toApiGoal(ctx, evaluation, snapshots, now);
    }),
  );
}
