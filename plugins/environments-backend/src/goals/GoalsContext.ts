import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { EnvironmentAuthorizer } from '../authorization/EnvironmentAuthorizer';
import { GoalDefinition } from '../config/goalsConfig';
import { EnvironmentsStore } from '../database/EnvironmentsStore';
import { PriceTable } from '../database/metrics/MetricStore';

/** What every goals use case works with. */
export interface GoalsContext {
  goals: GoalDefinition[];
  store: Pick<EnvironmentsStore, 'goals' | 'metrics'>;
  authorizer: EnvironmentAuthorizer;
  /** Systems' components, for goals scoped to a system. */
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  prices: PriceTable;
  currency: string;
  logger: LoggerService;
  /** Whether goals without history start with 90 days of example history. */
  exampleHistory: boolean;
}
