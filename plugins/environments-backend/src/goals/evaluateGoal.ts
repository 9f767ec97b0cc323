import { Goal, GoalSnapshot } from '@paved/plugin-environments-common';
import { GoalDefinition } from '../config/goalsConfig';
import { GoalSnapshotRecord } from '../database/GoalStore';
import { MetricMeasure, MetricScope } from '../database/metrics/MetricStore';
import { GoalsContext } from './GoalsContext';
import { goalStatus, isOnTrack } from './goalStatus';
import { resolveScope } from './resolveScope';

const DAY_MS = 24 * 3600_000;

/** A goal measured now: its scope resolved, its metric's measure, its value and status. */
export interface Evaluation {
  goal: GoalDefinition;
  scope: MetricScope;
  measure: MetricMeasure;
  value: number | null;
  status: Goal['status'];
}

/** Where a windowed goal's window starts; undefined for a metric of the current state. */
export function windowStart(goal: GoalDefinition, now: Date): Date | undefined {
  return goal.windowDays === undefined
    ? undefined
    : new Date(now.getTime() - goal.windowDays * DAY_MS);
}

/** The window a goal's metric measures, and the scope's entities, as of `now`. */
export async function measureGoal(
  ctx: GoalsContext,
  goal: GoalDefinition,
  now: Date,
): Promise<{ scope: MetricScope; measure: MetricMeasure }> {
  const scope = await resolveScope(ctx, goal.scope);
  const measure = await ctx.store.metrics.measure(goal.metric, {
    scope,
    now,
    since: windowStart(goal, now),
    prices: ctx.prices,
    currency: ctx.currency,
  });
  return { scope, measure };
}

/** The snapshots that were measured: example history never decides a status or a notice. */
export function measured(history: GoalSnapshotRecord[]): GoalSnapshotRecord[] {
  return history.filter(s => !s.example);
}

/** Measures a goal and says where it stands, given its earlier snapshots. */
export async function evaluateGoal(
  ctx: GoalsContext,
  goal: GoalDefinition,
  history: GoalSnapshotRecord[],
  now: Date,
): Promise<Evaluation> {
  const { scope, measure } = await measureGoal(ctx, goal, now);
  const value = measure.total.statistics[goal.statistic] ?? null;
  const status = goalStatus({
    value,
    target: goal.target,
    direction: goal.direction,
    due: goal.due,
    now,
    trend: measured(history),
  });
  return { goal, scope, measure, value, status };
}

/** The goal as the API answers it. */
export function toApiGoal(
  ctx: GoalsContext,
  evaluation: Evaluation,
  history: GoalSnapshotRecord[],
  now: Date,
): Goal {
  const { goal, measure, value, status } = evaluation;
  return {
    id: goal.id,
    title: goal.title,
    ...(goal.description && { description: goal.description }),
    owner: goal.owner,
    metric: goal.metric,
    statistic: goal.statistic,
    unit: goal.unit,
    ...(goal.unit === 'currency' && { currency: ctx.currency }),
    scope: goal.scope,
    ...(goal.windowDays !== undefined && { windowDays: goal.windowDays }),
    target: { value: goal.target, direction: goal.direction },
    due: goal.due,
    value,
    statistics: measure.total.statistics,
    status,
    onTrack: isOnTrack(status),
    history: history.map(
      (s): GoalSnapshot => ({
        day: s.day,
        value: s.value,
        target: s.target,
        status: s.status,
        ...(s.example && { example: true }),
      }),
    ),
    computedAt: now.toISOString(),
  };
}

/**
 * Who hears about a goal: its owner group and the teams its scope covers (the scope's
 * owner group, or else every owner group with environments counted in it).
 */
export function recipientsOf(evaluation: Evaluation): string[] {
  const { goal, measure } = evaluation;
  const covered = goal.scope.owner
    ? [goal.scope.owner]
    : measure.byOwner.map(row => row.key);
  return [...new Set([goal.owner, ...covered])];
}
