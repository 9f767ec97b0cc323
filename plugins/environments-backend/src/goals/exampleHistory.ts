import { GoalDefinition } from '../config/goalsConfig';
import { GoalSnapshotRecord } from '../database/GoalStore';
import { addDays, goalStatus } from './goalStatus';

/** Days of example history a goal starts with, ending the day before the first start. */
export const EXAMPLE_DAYS = 90;

/** A small PRNG (mulberry32) seeded by the goal's id, so every start draws the same days. */
function random(seedText: string): () => number {
  let seed = 2166136261;
  for (const char of seedText) {
    seed = Math.imul(seed ^ char.charCodeAt(0), 16777619);
  }
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Where the made-up line starts and ends: a share starts a fifth of the way from the
 * target towards nothing, hours and costs start well above it (half again, twice for
 * hours); each ends just short of the target, as a goal still worth working on.
 */
function endpoints(goal: GoalDefinition): { from: number; to: number } {
  const { target, unit } = goal;
  if (goal.direction === 'atLeast') {
    const gap = Math.max(target * 0.2, 5);
    return { from: Math.max(0, target - gap), to: target - gap * 0.15 };
  }
  const start = unit === 'hours' ? 3 : 1.5;
  return { from: target * start, to: target * 1.05 };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A goal's 90 days of example history before `today`: a plausible, noisy trend towards
 * its target, the same on every start (seeded by the goal's id), each day's status as
 * the Goals page would have said it then. Given the goal's value today, the trend ends
 * there instead, its noise fading, so the chart joins today's measured point.
 */
export function exampleHistory(
  goal: GoalDefinition,
  today: string,
  current?: number,
): GoalSnapshotRecord[] {
  const next = random(goal.id);
  const { from, to: towards } = endpoints(goal);
  const to = current ?? towards;
  const spread = Math.abs(towards - from) * 0.12;
  const snapshots: GoalSnapshotRecord[] = [];
  for (let i = 0; i < EXAMPLE_DAYS; i++) {
    const day = addDays(today, i - EXAMPLE_DAYS);
    const progress = i / (EXAMPLE_DAYS - 1);
    // Faster at first, slower near the target, as improvements usually go.
    const eased = 1 - (1 - progress) ** 2;
    const noise = current === undefined ? 1 : 1 - progress * 0.9;
    let value =
      from + (to - from) * eased + (next() - 0.5) * 2 * spread * noise;
    if (goal.unit === 'percent') value = Math.min(100, value);
    value = round(Math.max(0, value));
    const status = goalStatus({
      value,
      target: goal.target,
      direction: goal.direction,
      due: goal.due,
      now: new Date(`${day}T12:00:00.000Z`),
      trend: snapshots,
    });
    snapshots.push({
      goalId: goal.id,
      day,
      value,
      target: goal.target,
      direction: goal.direction,
      status,
      statistics: { [goal.statistic]: value },
      example: true,
    });
  }
  return snapshots;
}
