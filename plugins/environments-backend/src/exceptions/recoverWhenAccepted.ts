import { DEGRADING } from '../baselines/degrading';
import { UseCaseContext } from '../useCases/context';

/**
 * The moment an exception is approved, a degraded environment whose every degrading
 * finding is now accepted is ready again, rather than at the reconciler's next pass
 * minutes later: the approver and the developer both look at the card right then.
 */
export async function recoverWhenAccepted(
  ctx: Pick<UseCaseContext, 'store' | 'lifecycle'>,
  environmentId: string,
  now: Date,
): Promise<void> {
  const environment = await ctx.store.environments.getRecord(environmentId);
  if (environment?.status !== 'degraded') return;
  const open = await ctx.store.findings.list({ environmentId, state: 'open' });
  if (open.some(f => DEGRADING.has(f.severity) && !f.exception)) return;
  await ctx.lifecycle.setHealth(environment, 'recover', undefined, now);
}
