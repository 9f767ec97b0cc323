import { EnvironmentStore } from '../database/EnvironmentsStore';

const UNSETTLED = new Set(['awaiting-approval', 'provisioning']);

/**
 * Waits, bounded, until no environment is still being provisioned: the example history
 * ends at today's measured values, so it is seeded once the examples have them (seeded
 * earlier, the line runs to the target and then drops to nothing measured yet). Answers
 * whether they settled in time; the history is seeded either way.
 */
export async function waitForExamples(
  environments: Pick<EnvironmentStore, 'listEnvironments'>,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 3 * 60_000);
  for (;;) {
    const { items } = await environments.listEnvironments({
      limit: 100,
      offset: 0,
    });
    if (!items.some(e => UNSETTLED.has(e.status))) return true;
    if (Date.now() > deadline) return false;
    await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 1000));
  }
}
