import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { JsonObject } from '@backstage/types';
import { ResourceObservation } from '@paved/plugin-environments-node';
import crypto from 'node:crypto';
import {
  checkEnvironment,
  checkObservation,
  RuleViolation,
} from '../baselines/BaselineEvaluator';
import { EnvironmentsConfig } from '../config/readEnvironmentsConfig';
import {
  EnvironmentRow,
  EnvironmentsStore,
  ResourceRow,
  toTimestamp,
} from '../database/EnvironmentsStore';
import { FindingRow, FindingsStore } from '../database/FindingsStore';
import { provisioned } from '../engine/OperationsEngine';
import { estimateMonthlyCost } from '../services/estimateCost';
import { ProviderRegistry } from '../services/ProviderRegistry';

/** Who the operations that restore drifted resources are recorded as. */
export const RECONCILER_PRINCIPAL = 'paved:reconciler';

/** Findings of these severities make an environment `degraded`. */
const DEGRADING = new Set(['blocking', 'high']);

/**
 * The drift an apply puts right: it recreates, sets the limit, timeout and owner again, and
 * takes CREATEDB and CREATEROLE (SUPERUSER too, when it may) from the owner role. What a
 * provider reports it cannot restore (`cannotRestore`) stays a finding saying why.
 */
const RESTORABLE = new Set([
  'resource.exists',
  'postgres.connection-limit',
  'postgres.statement-timeout',
  'postgres.database-owner',
  'postgres.owner-privileges',
]);

/** Resources per `observe` call: one query per target server for any realistic fleet. */
const DEFAULT_BATCH_SIZE = 10_000;

export interface ReconcileResult {
  observed: number;
  opened: number;
  resolved: number;
  restoring: number;
}

type Violation = RuleViolation & { environmentId: string };

/**
 * One pass over every live environment: each provider observes its resources in batches
 * per target, the observations and the environments are checked against their class's
 * baseline, and the findings table is brought up to date. A new finding that matters
 * (high or blocking) degrades its environment and tells the owner group once; when the
 * reconciler sees it fixed, it is resolved. Classes that restore drift queue an `update`
 * operation that re-applies the desired state. Runs on one replica at a time.
 */
export class Reconciler {
  private readonly batchSize: number;

  constructor(
    private readonly deps: {
      store: EnvironmentsStore;
      findings: FindingsStore;
      config: EnvironmentsConfig;
      providers: ProviderRegistry;
      notifications: NotificationService;
      logger: LoggerService;
      onOperationQueued: () => void;
      /**
       * Told when a pass changed an environment's status: degraded by a finding, ready
       * again, or provisioning under a restore (with the operation it queued). Must
       * return at once.
       */
      onEnvironmentChange?: (environmentId: string, operationId?: string) => void;
      batchSize?: number;
    },
  ) {
    this.batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  async run(now = new Date()): Promise<ReconcileResult> {
    const { store } = this.deps;
    const environments = await store.db<EnvironmentRow>('environments')
      .whereIn('status', ['ready', 'degraded'])
      .whereNull('destroyed_at');
    const byId = new Map(environments.map(e => [e.id, e]));
    const resources = await this.liveResources([...byId.keys()]);
    const liveIds = new Set(resources.map(r => r.id));

    const violations: Violation[] = [];
    const observedIds = await this.observe(byId, resources, violations, now);
    const typesOf = new Map<string, string[]>();
    for (const resource of resources) {
      const types = typesOf.get(resource.environment_id);
      if (types) types.push(resource.type);
      else typesOf.set(resource.environment_id, [resource.type]);
    }
    for (const environment of environments) {
      const environmentClass = this.deps.config.classes.get(environment.class);
      if (!environmentClass) continue;
      const types = typesOf.get(environment.id) ?? [];
      violations.push(
        ...checkEnvironment(environmentClass.baseline, {
          name: environment.name,
          tier: environment.tier as any,
          lifecycle: environment.lifecycle as any,
          owner: environment.owner,
          expiresAt: environment.expires_at ? String(environment.expires_at) : undefined,
          resourceCount: types.length,
          monthlyCost: estimateMonthlyCost(environmentClass, types, this.deps.config.currency)
            .amount,
        }).map(v => ({ ...v, environmentId: environment.id })),
      );
    }

    const { opened, resolved, open } = await this.record(
      [...byId.keys()],
      violations,
      // Seen this pass, or gone: the findings of anything else stay as they are.
      id => observedIds.has(id) || !liveIds.has(id),
      now,
    );
    for (const finding of opened) {
      if (DEGRADING.has(finding.severity)) await this.notify(byId.get(finding.environment_id)!, finding, now);
    }
    await this.updateStatuses(environments, open, now);
    const restoring = await this.restore(byId, violations, now);

    const result = { observed: observedIds.size, opened: opened.length, resolved, restoring };
    if (opened.length || resolved || restoring) {
      this.deps.logger.info(
        `Reconciler: observed ${result.observed} resources, ${opened.length} new findings, ${resolved} resolved, restoring ${restoring} environments`,
      );
    }
    return result;
  }

  private async liveResources(environmentIds: string[]): Promise<ResourceRow[]> {
    const rows: ResourceRow[] = [];
    for (let i = 0; i < environmentIds.length; i += 500) {
      rows.push(
        ...(await this.deps.store.db<ResourceRow>('resources')
          .whereIn('environment_id', environmentIds.slice(i, i + 500))
          .whereNot('status', 'destroyed')),
      );
    }
    return rows;
  }

  /** Asks each provider about its ready resources, a batch per target at a time. */
  private async observe(
    environments: Map<string, EnvironmentRow>,
    resources: ResourceRow[],
    violations: Violation[],
    now: Date,
  ): Promise<Set<string>> {
    const groups = new Map<string, ResourceRow[]>();
    for (const resource of resources) {
      if (resource.status !== 'ready') continue;
      const key = `${resource.type}\u0000${resource.target}`;
      const group = groups.get(key);
      if (group) group.push(resource);
      else groups.set(key, [resource]);
    }
    const observed = new Set<string>();
    const updates: Array<{ id: string; observed: string }> = [];
    for (const group of groups.values()) {
      const { type, target } = group[0];
      const provider = this.deps.providers.get(type);
      if (!provider) continue;
      for (let i = 0; i < group.length; i += this.batchSize) {
        const batch = group.slice(i, i + this.batchSize);
        let observations;
        try {
          observations = await provider.observe({
            target,
            resources: batch.map(r => ({
              resource: provisioned(environments.get(r.environment_id)!, r),
              spec: JSON.parse(r.spec) as JsonObject,
            })),
            logger: this.deps.logger,
          });
        } catch (error) {
          // Findings of resources not seen this pass stay as they are.
          this.deps.logger.warn(
            `Could not observe ${batch.length} ${type} resources on ${target}: ${(error as Error).message}`,
          );
          continue;
        }
        const rows = new Map(batch.map(r => [r.id, r]));
        for (const reported of observations) {
          const resource = rows.get(reported.resourceId);
          if (!resource) continue;
          const environment = environments.get(resource.environment_id)!;
          const environmentClass = this.deps.config.classes.get(environment.class);
          observed.add(resource.id);
          const observation = withLastSeen(reported, resource);
          const json = JSON.stringify({ exists: observation.exists, ...observation.observed });
          if (json !== resource.observed) updates.push({ id: resource.id, observed: json });
          if (!environmentClass) continue;
          const restores = environmentClass.drift === 'restore';
          violations.push(
            ...checkObservation(
              environmentClass.baseline,
              {
                id: resource.id,
                type: resource.type,
                name: resource.name,
                spec: JSON.parse(resource.spec),
                field: resource.name,
              },
              observation,
            ).map(v => ({
              ...v,
              // The finding says why a restoring class leaves it as it is.
              ...(restores && v.cannotRestore && {
                message: `${v.message} Not restored: ${v.cannotRestore}`,
              }),
              environmentId: environment.id,
            })),
          );
        }
      }
    }
    // What changed is written row by row; when everything was seen, in a few statements.
    const timestamp = toTimestamp(now);
    const seen = [...observed];
    await this.deps.store.transaction(async tx => {
      for (const update of updates) {
        await tx('resources').where({ id: update.id }).update({ observed: update.observed });
      }
      for (let i = 0; i < seen.length; i += 500) {
        await tx('resources')
          .whereIn('id', seen.slice(i, i + 500))
          .update({ last_observed_at: timestamp });
      }
    });
    return observed;
  }

  /** Opens new findings, updates the open ones, resolves those no longer seen. */
  private async record(
    environmentIds: string[],
    violations: Violation[],
    looked: (resourceId: string) => boolean,
    now: Date,
  ): Promise<{ opened: FindingRow[]; resolved: number; open: FindingRow[] }> {
    const { findings } = this.deps;
    const timestamp = toTimestamp(now);
    const existing = await findings.open(environmentIds);
    const byKey = new Map(existing.map(f => [`${f.environment_id}|${f.key}`, f]));
    const current = new Map<string, FindingRow>();
    const opened: FindingRow[] = [];

    for (const v of violations) {
      const key = `${v.resourceId ?? '-'}|${v.rule}|${v.field}`;
      const row: FindingRow = {
        id: crypto.randomUUID(),
        environment_id: v.environmentId,
        resource_id: v.resourceId ?? null,
        key,
        rule: v.rule,
        severity: v.severity,
        field: v.field,
        message: v.message,
        link: v.link,
        expected: v.expected,
        observed: v.observed,
        detected_at: timestamp,
        resolved_at: null,
        notified_at: null,
      };
      const before = byKey.get(`${v.environmentId}|${key}`);
      if (before) {
        current.set(before.id, before);
        if (
          before.observed !== row.observed ||
          before.expected !== row.expected ||
          before.severity !== row.severity ||
          before.message !== row.message
        ) {
          const changed = {
            observed: row.observed,
            expected: row.expected,
            severity: row.severity,
            message: row.message,
            link: row.link,
          };
          await findings.db('findings').where({ id: before.id }).update(changed);
          Object.assign(before, changed);
        }
        continue;
      }
      try {
        await findings.db('findings').insert(row);
        opened.push(row);
        current.set(row.id, row);
      } catch (error) {
        // Open already (a pass that overlapped this one); the unique index keeps one.
        this.deps.logger.debug(`Finding ${key} not recorded: ${(error as Error).message}`);
      }
    }

    const fixed = existing.filter(
      f => !current.has(f.id) && (f.resource_id === null || looked(f.resource_id)),
    );
    for (let i = 0; i < fixed.length; i += 500) {
      await findings.db('findings')
        .whereIn('id', fixed.slice(i, i + 500).map(f => f.id))
        .whereNull('resolved_at')
        .update({ resolved_at: timestamp });
    }
    // Still open: what was seen again, what is new, and what this pass could not look at.
    const closed = new Set(fixed.map(f => f.id));
    const open = [...existing.filter(f => !closed.has(f.id)), ...opened];
    return { opened, resolved: fixed.length, open };
  }

  private async updateStatuses(environments: EnvironmentRow[], open: FindingRow[], now: Date) {
    const degrading = new Map<string, string[]>();
    for (const finding of open) {
      if (!DEGRADING.has(finding.severity)) continue;
      degrading.set(finding.environment_id, [
        ...(degrading.get(finding.environment_id) ?? []),
        finding.rule,
      ]);
    }
    const timestamp = toTimestamp(now);
    for (const environment of environments) {
      const rules = degrading.get(environment.id);
      if (rules) {
        const reason = `Baseline: ${rules.length} ${rules.length === 1 ? 'finding' : 'findings'} (${[...new Set(rules)].join(', ')})`;
        if (environment.status === 'degraded' && environment.status_reason === reason) continue;
        const updated = await this.deps.store.db('environments')
          .where({ id: environment.id })
          .whereIn('status', ['ready', 'degraded'])
          .update({ status: 'degraded', status_reason: reason, updated_at: timestamp });
        if (updated) this.deps.onEnvironmentChange?.(environment.id);
      } else if (environment.status === 'degraded') {
        const updated = await this.deps.store.db('environments')
          .where({ id: environment.id, status: 'degraded' })
          .update({ status: 'ready', status_reason: null, updated_at: timestamp });
        if (updated) this.deps.onEnvironmentChange?.(environment.id);
      }
    }
  }

  /** Queues an `update` re-applying the drifted resources of classes that restore drift. */
  private async restore(
    environments: Map<string, EnvironmentRow>,
    violations: Violation[],
    now: Date,
  ): Promise<number> {
    const drifted = new Map<string, Set<string>>();
    for (const v of violations) {
      const environment = environments.get(v.environmentId)!;
      if (this.deps.config.classes.get(environment.class)?.drift !== 'restore') continue;
      // What the provider cannot put right would be restored again on every pass, in vain.
      if (!v.resourceId || !RESTORABLE.has(v.rule) || v.cannotRestore) continue;
      drifted.set(v.environmentId, (drifted.get(v.environmentId) ?? new Set()).add(v.resourceId));
    }
    const timestamp = toTimestamp(now);
    let count = 0;
    for (const [environmentId, resourceIds] of drifted) {
      const operationId = crypto.randomUUID();
      const queued = await this.deps.store.transaction(async tx => {
        const busy = await tx('operations')
          .where({ environment_id: environmentId })
          .whereIn('state', ['queued', 'running'])
          .first();
        if (busy) return false;
        const claimed = await tx('environments')
          .where({ id: environmentId })
          .whereIn('status', ['ready', 'degraded'])
          .update({
            status: 'provisioning',
            status_reason: 'Restoring the desired state after drift',
            updated_at: timestamp,
          });
        if (!claimed) return false;
        await tx('resources')
          .whereIn('id', [...resourceIds])
          .update({ status: 'pending', status_reason: 'Drifted; restoring', updated_at: timestamp });
        await tx('operations').insert({
          id: operationId,
          environment_id: environmentId,
          type: 'update',
          state: 'queued',
          attempts: 0,
          requested_by: RECONCILER_PRINCIPAL,
          created_at: timestamp,
        });
        return true;
      });
      if (!queued) continue;
      count += 1;
      this.deps.onEnvironmentChange?.(environmentId, operationId);
    }
    if (count) this.deps.onOperationQueued();
    return count;
  }

  private async notify(environment: EnvironmentRow, finding: FindingRow, now: Date) {
    if (!(await this.deps.findings.claimNotification(finding.id, now))) return;
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: environment.owner },
        payload: {
          title: `${environment.name} breaks ${finding.rule}`,
          description: `${finding.message} Expected ${finding.expected}, observed ${finding.observed} (${environment.class} environment ${environment.name} of ${environment.entity_ref}). See ${finding.link}`,
          severity: 'high',
          topic: 'paved-baseline-finding',
          link: entityLink(environment.entity_ref),
        },
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not notify ${environment.owner} about ${finding.rule} on ${environment.name}: ${(error as Error).message}`,
      );
    }
  }
}

/**
 * What the provider did not look at this time (`unobserved`) is as it was last seen: its
 * findings neither resolve nor change until a pass looks again.
 */
function withLastSeen(observation: ResourceObservation, resource: ResourceRow): ResourceObservation {
  if (!observation.unobserved?.length || !resource.observed) return observation;
  const before = JSON.parse(resource.observed) as JsonObject;
  const kept: JsonObject = {};
  for (const key of observation.unobserved) {
    if (key in before && !(key in observation.observed)) kept[key] = before[key];
  }
  return { ...observation, observed: { ...observation.observed, ...kept } };
}

/** Portal-relative: the notifications front end resolves it against the app's URL. */
function entityLink(entityRef: string): string {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.includes('/') ? rest.split('/') : ['default', rest];
  return `/catalog/${namespace}/${kind}/${name}`;
}
