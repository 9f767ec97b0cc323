import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import crypto from 'node:crypto';
import { checkEnvironment } from '../baselines';
import { EnvironmentsConfig } from '../config/readEnvironmentsConfig';
import {
  EnvironmentRecord,
  EnvironmentsStore,
  FindingRecord,
  ResourceRecord,
} from '../database/EnvironmentsStore';
import { estimateMonthlyCost } from '../cost/estimateMonthlyCost';
import { acceptedBy } from '../exceptions/acceptedFindings';
import { passExceptionDates } from '../exceptions/passExceptionDates';
import { EnvironmentLifecycle } from '../lifecycle/EnvironmentLifecycle';
import { notifyOwner } from '../notifications/notifyOwner';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { GlobalTask } from '../scheduling/scheduleGlobalTask';
import { observeResources } from './observeResources';
import { DEGRADING } from '../baselines/degrading';
import { reconcileFindings } from './reconcileFindings';
import { Violation } from './Violation';

/** Who the operations that restore drifted resources are recorded as. */
export const RECONCILER_PRINCIPAL = 'paved:reconciler';


/** Resources per `observe` call: one query per target server for any realistic fleet. */
const DEFAULT_BATCH_SIZE = 10_000;

export interface ReconcileResult {
  observed: number;
  opened: number;
  resolved: number;
  restoring: number;
}

/**
 * One pass over every live environment: each provider observes its resources in batches
 * per target, the observations and the environments are checked against their class's
 * baseline, and the findings are brought up to date. A new finding that matters (high or
 * blocking) degrades its environment and tells the owner group once; when the reconciler
 * sees it fixed, it is resolved. Classes that restore drift queue an `update` operation
 * that re-applies the desired state. Runs on one replica at a time.
 */
export class Reconciler implements GlobalTask {
  readonly id = 'environments-reconciler';
  readonly frequencyKey = 'environments.reconciler.frequency';
  readonly defaultFrequency = { minutes: 5 };
  readonly timeout = { minutes: 10 };
  private readonly batchSize: number;

  constructor(
    private readonly deps: {
      store: EnvironmentsStore;
      lifecycle: EnvironmentLifecycle;
      config: EnvironmentsConfig;
      providers: ProviderRegistry;
      notifications: NotificationService;
      logger: LoggerService;
      batchSize?: number;
    },
  ) {
    this.batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  async run(now = new Date()): Promise<ReconcileResult> {
    const { store } = this.deps;
    await passExceptionDates(
      {
        ...this.deps,
        exceptions: store.exceptions,
        policy: this.deps.config.exceptions,
      },
      now,
    );
    const { environments, resources } =
      await store.environments.listReconcilable();
    const byId = new Map(environments.map(e => [e.id, e]));
    const liveIds = new Set(resources.map(r => r.id));

    const violations: Violation[] = [];
    const observedIds = await observeResources(
      {
        ...this.deps,
        environments: store.environments,
        batchSize: this.batchSize,
      },
      byId,
      resources,
      violations,
      now,
    );
    violations.push(...this.checkEnvironments(environments, resources));

    const { opened, resolved, open } = await reconcileFindings(
      store.findings,
      [...byId.keys()],
      violations,
      // Seen this pass, or gone: the findings of anything else stay as they are.
      id => observedIds.has(id) || !liveIds.has(id),
      now,
    );
    // Findings an approved exception accepts neither degrade, nor notify, nor get restored.
    const accepted = acceptedBy(
      await store.exceptions.listApproved([...byId.keys()]),
    );
    for (const finding of opened) {
      if (DEGRADING.has(finding.severity) && !accepted(finding))
        await this.notify(byId.get(finding.environmentId)!, finding, now);
    }
    await this.updateHealth(
      environments,
      open.filter(f => !accepted(f)),
      now,
    );
    const restoring = await this.restore(
      byId,
      violations.filter(v => !accepted(v)),
      now,
    );

    const result = {
      observed: observedIds.size,
      opened: opened.length,
      resolved,
      restoring,
    };
    if (opened.length || resolved || restoring) {
      this.deps.logger.info(
        `Reconciler: observed ${result.observed} resources, ${opened.length} new findings, ${resolved} resolved, restoring ${restoring} environments`,
      );
    }
    return result;
  }

  /** The environments' own rules (TTL, owner, name, resource count, budget). */
  private checkEnvironments(
    environments: EnvironmentRecord[],
    resources: ResourceRecord[],
  ): Violation[] {
    const { config } = this.deps;
    const typesOf = new Map<string, string[]>();
    for (const resource of resources) {
      typesOf.set(resource.environmentId, [
        ...(typesOf.get(resource.environmentId) ?? []),
        resource.type,
      ]);
    }
    return environments.flatMap(environment => {
      const environmentClass = config.classes.get(environment.class);
      if (!environmentClass) return [];
      const types = typesOf.get(environment.id) ?? [];
      return checkEnvironment(environmentClass.baseline, {
        name: environment.name,
        tier: environment.tier,
        lifecycle: environment.lifecycle,
        owner: environment.owner,
        expiresAt: environment.expiresAt,
        resourceCount: types.length,
        monthlyCost: estimateMonthlyCost(
          environmentClass,
          types,
          config.currency,
        ).amount,
      }).map(v => ({ ...v, environmentId: environment.id }));
    });
  }

  private async updateHealth(
    environments: EnvironmentRecord[],
    open: FindingRecord[],
    now: Date,
  ) {
    const degrading = new Map<string, string[]>();
    for (const finding of open) {
      if (!DEGRADING.has(finding.severity)) continue;
      degrading.set(finding.environmentId, [
        ...(degrading.get(finding.environmentId) ?? []),
        finding.rule,
      ]);
    }
    for (const environment of environments) {
      const rules = degrading.get(environment.id);
      if (rules) {
        const reason = `Baseline: ${rules.length} ${
          rules.length === 1 ? 'finding' : 'findings'
        } (${[...new Set(rules)].join(', ')})`;
        if (
          environment.status === 'degraded' &&
          environment.statusReason === reason
        )
          continue;
        await this.deps.lifecycle.setHealth(
          environment,
          'degrade',
          reason,
          now,
        );
      } else if (environment.status === 'degraded') {
        await this.deps.lifecycle.setHealth(
          environment,
          'recover',
          undefined,
          now,
        );
      }
    }
  }

  /** Queues an `update` re-applying the drifted resources of classes that restore drift. */
  private async restore(
    environments: Map<string, EnvironmentRecord>,
    violations: Violation[],
    now: Date,
  ) {
    const drifted = new Map<string, Set<string>>();
    for (const v of violations) {
      const environment = environments.get(v.environmentId)!;
      if (this.deps.config.classes.get(environment.class)?.drift !== 'restore')
        continue;
      // What the provider cannot put right would be restored again on every pass, in vain.
      if (!v.resourceId || !v.restorable) continue;
      drifted.set(
        v.environmentId,
        (drifted.get(v.environmentId) ?? new Set()).add(v.resourceId),
      );
    }
    let count = 0;
    for (const [environmentId, resourceIds] of drifted) {
      const { result } = await this.deps.lifecycle.queue('restore', {
        environmentId,
        operation: {
          id: crypto.randomUUID(),
          type: 'update',
          requestedBy: RECONCILER_PRINCIPAL,
        },
        reason: 'Restoring the desired state after drift',
        pendingResourceIds: {
          ids: [...resourceIds],
          reason: 'Drifted; restoring',
        },
        now,
      });
      if (result === 'written') count += 1;
    }
    return count;
  }

  private async notify(
    environment: EnvironmentRecord,
    finding: FindingRecord,
    now: Date,
  ) {
    if (!(await this.deps.store.findings.claimNotification(finding.id, now)))
      return;
    await notifyOwner(this.deps, environment, {
      title: `${environment.name} breaks ${finding.rule}`,
      description: `${finding.message} Expected ${finding.expected}, observed ${finding.observed} (${environment.class} environment ${environment.name} of ${environment.entityRef}). See ${finding.link}`,
      severity: 'high',
      topic: 'paved-baseline-finding',
    });
  }
}
