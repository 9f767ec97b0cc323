import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { formatDuration } from '@paved/plugin-environments-common';
import { EnvironmentsConfig } from '../config/readEnvironmentsConfig';
import {
  EnvironmentRecord,
  EnvironmentsStore,
} from '../database/EnvironmentsStore';
import { notifyOwner } from '../notifications/notifyOwner';
import { GlobalTask } from '../scheduling/scheduleGlobalTask';
import { EnvironmentsService } from '../services/EnvironmentsService';

/** Who the destroy operations of expired environments are recorded as. */
export const REAPER_PRINCIPAL = 'paved:ttl-reaper';

/**
 * Ephemeral environments clean themselves up: the owner group is told once before an
 * environment expires, the environment is destroyed when it has, and the owner is told
 * once it is gone. Runs on one replica at a time (a global scheduled task); each notice
 * is claimed with a conditional update, so it goes out once even if a pass repeats.
 */
export class TtlReaper implements GlobalTask {
  readonly id = 'environments-ttl-reaper';
  readonly frequencyKey = 'environments.reaper.frequency';
  readonly defaultFrequency = { minutes: 1 };
  readonly timeout = { minutes: 5 };

  constructor(
    private readonly deps: {
      store: EnvironmentsStore;
      environments: EnvironmentsService;
      config: EnvironmentsConfig;
      notifications: NotificationService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async run(
    now = new Date(),
  ): Promise<{ warned: number; destroyed: number; reported: number }> {
    const warned = await this.warnExpiring(now);
    const destroyed = await this.destroyExpired(now);
    const reported = await this.reportDestroyed(now);
    if (warned || destroyed || reported) {
      this.deps.logger.info(
        `TTL reaper: warned ${warned}, destroying ${destroyed}, reported ${reported}`,
      );
    }
    return { warned, destroyed, reported };
  }

  private async warnExpiring(now: Date): Promise<number> {
    const { store, config } = this.deps;
    const warnBeforeOf = (environment: EnvironmentRecord) =>
      config.classes.get(environment.class)?.ttl?.warnBeforeMs ?? 0;
    const longest = Math.max(
      0,
      ...[...config.classes.values()].map(c => c.ttl?.warnBeforeMs ?? 0),
    );
    let count = 0;
    for (const environment of await store.environments.listExpiring(
      now,
      longest,
    )) {
      const left = Date.parse(environment.expiresAt!) - now.getTime();
      if (left > warnBeforeOf(environment)) continue;
      if (
        !(await store.environments.claimNotice(
          environment.id,
          'expiry-warning',
          now,
        ))
      )
        continue;
      await notifyOwner(this.deps, environment, {
        title: `${environment.name} expires in ${formatDuration(
          Math.max(60_000, Math.round(left / 60_000) * 60_000),
        )}`,
        description: `The ${environment.class} environment ${environment.name} of ${environment.entityRef} will be destroyed with its resources at ${environment.expiresAt}. Extend it from its card if you still need it.`,
        severity: 'high',
        topic: 'paved-environment-expiry',
      });
      count += 1;
    }
    return count;
  }

  private async destroyExpired(now: Date): Promise<number> {
    const { store, environments, auth } = this.deps;
    const expired = await store.environments.listExpired(now);
    const credentials = await auth.getOwnServiceCredentials();
    for (const environment of expired) {
      await environments.destroy(
        environment.id,
        undefined,
        credentials,
        REAPER_PRINCIPAL,
      );
    }
    return expired.length;
  }

  private async reportDestroyed(now: Date): Promise<number> {
    const { store } = this.deps;
    let count = 0;
    for (const environment of await store.environments.listDestroyedUnreported(
      REAPER_PRINCIPAL,
    )) {
      if (
        !(await store.environments.claimNotice(
          environment.id,
          'expiry-report',
          now,
        ))
      )
        continue;
      await notifyOwner(this.deps, environment, {
        title: `${environment.name} expired and was destroyed`,
        description: `The ${environment.class} environment ${environment.name} of ${environment.entityRef} reached the end of its time and was destroyed with its resources.`,
        severity: 'normal',
        topic: 'paved-environment-expiry',
      });
      count += 1;
    }
    return count;
  }
}
