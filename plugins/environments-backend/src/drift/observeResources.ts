import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { ResourceObservation } from '@paved/plugin-environments-node';
import { checkObservation } from '../baselines';
import { EnvironmentsConfig } from '../config/readEnvironmentsConfig';
import {
  EnvironmentRecord,
  EnvironmentStore,
  ResourceRecord,
} from '../database/EnvironmentsStore';
import { provisioned } from '../engine/providerRequests';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { Violation } from './Violation';

/**
 * Asks each provider about its ready resources, a batch per target at a time, checks
 * what it saw against the desired spec and the baseline, and stores the observations.
 * Returns the ids of the resources seen this pass.
 */
export async function observeResources(
  deps: {
    environments: EnvironmentStore;
    config: EnvironmentsConfig;
    providers: ProviderRegistry;
    logger: LoggerService;
    batchSize: number;
  },
  environments: Map<string, EnvironmentRecord>,
  resources: ResourceRecord[],
  violations: Violation[],
  now: Date,
): Promise<Set<string>> {
  const groups = new Map<string, ResourceRecord[]>();
  for (const resource of resources) {
    if (resource.status !== 'ready') continue;
    const key = `${resource.type}\u0000${resource.target}`;
    const group = groups.get(key);
    if (group) group.push(resource);
    else groups.set(key, [resource]);
  }
  const seen = new Set<string>();
  const changed: Array<{ resourceId: string; observed: JsonObject }> = [];
  for (const group of groups.values()) {
    const { type, target } = group[0];
    const provider = deps.providers.get(type);
    if (!provider) continue;
    for (let i = 0; i < group.length; i += deps.batchSize) {
      const batch = group.slice(i, i + deps.batchSize);
      let observations: ResourceObservation[];
      try {
        observations = await provider.observe({
          target,
          resources: batch.map(r => ({
            resource: provisioned(environments.get(r.environmentId)!, r),
            spec: r.spec,
          })),
          logger: deps.logger,
        });
      } catch (error) {
        // Findings of resources not seen this pass stay as they are.
        deps.logger.warn(
          `Could not observe ${batch.length} ${type} resources on ${target}: ${
            (error as Error).message
          }`,
        );
        continue;
      }
      const byId = new Map(batch.map(r => [r.id, r]));
      for (const reported of observations) {
        const resource = byId.get(reported.resourceId);
        if (!resource) continue;
        seen.add(resource.id);
        const observation = withLastSeen(reported, resource);
        const observed = {
          exists: observation.exists,
          ...observation.observed,
        };
        if (JSON.stringify(observed) !== JSON.stringify(resource.observed)) {
          changed.push({ resourceId: resource.id, observed });
        }
        const environment = environments.get(resource.environmentId)!;
        const environmentClass = deps.config.classes.get(environment.class);
        if (!environmentClass) continue;
        const restores = environmentClass.drift === 'restore';
        violations.push(
          ...checkObservation(
            environmentClass.baseline,
            {
              id: resource.id,
              type: resource.type,
              name: resource.name,
              spec: resource.spec,
              field: resource.name,
            },
            observation,
          ).map(v => ({
            ...v,
            // The finding says why a restoring class leaves it as it is.
            ...(restores &&
              v.cannotRestore && {
                message: `${v.message} Not restored: ${v.cannotRestore}`,
              }),
            environmentId: environment.id,
          })),
        );
      }
    }
  }
  await deps.environments.recordObservations(changed, [...seen], now);
  return seen;
}

/**
 * What the provider did not look at this time (`unobserved`) is as it was last seen: its
 * findings neither resolve nor change until a pass looks again.
 */
function withLastSeen(
  observation: ResourceObservation,
  resource: ResourceRecord,
): ResourceObservation {
  if (!observation.unobserved?.length || !resource.observed) return observation;
  const before = resource.observed;
  const kept: JsonObject = {};
  for (const key of observation.unobserved) {
    if (key in before && !(key in observation.observed))
      kept[key] = before[key];
  }
  return { ...observation, observed: { ...observation.observed, ...kept } };
}
