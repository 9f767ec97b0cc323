import { exampleHistory } from '../goals/exampleHistory';
import { measureGoal } from '../goals/evaluateGoal';
import { GoalsContext } from '../goals/GoalsContext';
import { dayOf } from '../goals/goalStatus';

/**
 * Gives each goal with no snapshot yet its 90 days of example history, when the portal
 * asks for it (`environments.goalSnapshots.exampleHistory`), so its Goals page has a
 * chart on the first start. A goal with history, real or example, is left alone, so a
 * restart changes nothing; measured days replace example ones as they come. A goal
 * that has a value today gets a trend ending at it, not a cliff from made-up to real.
 */
export async function seedExampleHistory(
  ctx: GoalsContext,
  now = new Date(),
): Promise<{ seeded: string[] }> {
  if (!ctx.exampleHistory || !ctx.goals.length) return { seeded: [] };
  const started = await ctx.store.goals.goalsWithSnapshots(
    ctx.goals.map(g => g.id),
  );
  const fresh = ctx.goals.filter(g => !started.has(g.id));
  const today = dayOf(now);
  const histories = await Promise.all(
    fresh.map(async goal => {
      const { measure } = await measureGoal(ctx, goal, now);
      const value = measure.total.statistics[goal.statistic];
      return exampleHistory(goal, today, value ?? undefined);
    }),
  );
  await ctx.store.goals.seedExampleSnapshots(histories.flat(), now);
  return { seeded: fresh.map(g => g.id) };
}
