import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Tier } from '@paved/plugin-environments-common';

/** How much an auditor should care about a change to an environment of this tier. */
export function severityFor(tier: Tier): 'high' | 'medium' {
  return tier === 'production' ? 'high' : 'medium';
}

/**
 * Runs a change as one audit event: it succeeds with the metadata the change returns, or
 * fails with its error, which is thrown on.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: {
    eventId: string;
    severityLevel: 'low' | 'medium' | 'high';
    meta: JsonObject;
  },
  change: () => Promise<{ result: T; meta?: JsonObject }>,
): Promise<T> {
  const auditorEvent = await auditor.createEvent(event);
  try {
    const { result, meta } = await change();
    await auditorEvent.success(meta ? { meta } : undefined);
    return result;
  } catch (error) {
    await auditorEvent.fail({ error: error as Error });
    throw error;
  }
}
