import {
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { formatDuration } from '@paved/plugin-environments-common';
import { EnvironmentsConfig } from '../config/readEnvironmentsConfig';
import {
  EnvironmentRow,
  EnvironmentsStore,
  toTimestamp,
} from '../database/EnvironmentsStore';
import { EnvironmentsService } from './EnvironmentsService';

/** Who the destroy operations of expired environments are recorded as. */
export const REAPER_PRINCIPAL = 'paved:ttl-reaper';

/**
 * Ephemeral environments clean themselves up: the owner group is told once before an
 * environment expires, the environment is destroyed when it has, and the owner is told
 * once it is gone. Runs on one replica at a time (a global scheduled task); each notice
 * is claimed with a conditional update, so it goes out once even if a pass repeats.
 */
export class TtlReaper {
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

  async run(now = new Date()): Promise<{ warned: number; destroyed: number; reported: number }> {
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
    const longest = Math.max(
      0,
      ...[...config.classes.values()].map(c => c.ttl?.warnBeforeMs ?? 0),
    );
    const candidates = await store.db<EnvironmentRow>('environments')
      .where({ lifecycle: 'ephemeral' })
      .whereNull('destroyed_at')
      .whereNull('expiry_warned_at')
      .whereNotIn('status', ['destroying', 'destroyed'])
      .where('expires_at', '>', toTimestamp(now))
      .where('expires_at', '<=', toTimestamp(new Date(now.getTime() + longest)));
    let count = 0;
    for (const environment of candidates) {
      const warnBefore = config.classes.get(environment.class)?.ttl?.warnBeforeMs ?? 0;
      const expiresAt = new Date(environment.expires_at!);
      if (expiresAt.getTime() - now.getTime() > warnBefore) continue;
      if (!(await this.claim(environment.id, 'expiry_warned_at', now))) continue;
      const left = formatDuration(
        Math.max(60_000, Math.round((expiresAt.getTime() - now.getTime()) / 60_000) * 60_000),
      );
      await this.notify(environment, {
        title: `${environment.name} expires in ${left}`,
        description: `The ${environment.class} environment ${environment.name} of ${environment.entity_ref} will be destroyed with its resources at ${expiresAt.toISOString()}. Extend it from its card if you still need it.`,
        severity: 'high',
      });
      count += 1;
    }
    return count;
  }

  private async destroyExpired(now: Date): Promise<number> {
    const { store, environments, auth } = this.deps;
    const expired = await store.db<EnvironmentRow>('environments')
      .where({ lifecycle: 'ephemeral' })
      .whereNull('destroyed_at')
      .whereNotIn('status', ['destroying', 'destroyed'])
      .where('expires_at', '<=', toTimestamp(now));
    const credentials = await auth.getOwnServiceCredentials();
    for (const environment of expired) {
      await environments.destroy(environment.id, undefined, credentials, REAPER_PRINCIPAL);
    }
    return expired.length;
  }

  private async reportDestroyed(now: Date): Promise<number> {
    const { store } = this.deps;
    const gone = await store.db<EnvironmentRow>('environments')
      .where({ lifecycle: 'ephemeral', status: 'destroyed' })
      .whereNull('expiry_reported_at')
      .whereExists(
        store.db('operations')
          .whereRaw('operations.environment_id = environments.id')
          .where({ type: 'destroy', state: 'succeeded', requested_by: REAPER_PRINCIPAL }),
      );
    let count = 0;
    for (const environment of gone) {
      if (!(await this.claim(environment.id, 'expiry_reported_at', now))) continue;
      await this.notify(environment, {
        title: `${environment.name} expired and was destroyed`,
        description: `The ${environment.class} environment ${environment.name} of ${environment.entity_ref} reached the end of its time and was destroyed with its resources.`,
        severity: 'normal',
      });
      count += 1;
    }
    return count;
  }

  /** Sets the column if nobody has yet; true when this call did. */
  private async claim(
    id: string,
    column: 'expiry_warned_at' | 'expiry_reported_at',
    now: Date,
  ): Promise<boolean> {
    const updated = await this.deps.store.db('environments')
      .where({ id })
      .whereNull(column)
      .update({ [column]: toTimestamp(now) });
    return updated === 1;
  }

  private async notify(
    environment: EnvironmentRow,
    payload: { title: string; description: string; severity: 'high' | 'normal' },
  ) {
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: environment.owner },
        payload: {
          ...payload,
          topic: 'paved-environment-expiry',
          link: entityLink(environment.entity_ref),
        },
      });
    } catch (error) {
      // A notice that could not be sent must not stop the clean-up.
      this.deps.logger.warn(
        `Could not notify ${environment.owner} about ${environment.name}: ${(error as Error).message}`,
      );
    }
  }
}

/** Portal-relative: the notifications front end resolves it against the app's URL. */
function entityLink(entityRef: string): string {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.includes('/') ? rest.split('/') : ['default', rest];
  return `/catalog/${namespace}/${kind}/${name}`;
}
