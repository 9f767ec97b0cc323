import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  GoalHolder,
  GoalMetric,
  Tier,
} from '@paved/plugin-environments-common';
import { EnvironmentFilter } from '../../permissions/rules';

/** A goal's scope as SQL sees it: a system became the entity refs it is made of. */
export interface MetricScope {
  tier?: Tier;
  class?: string;
  owner?: string;
  entityRefs?: string[];
}

/** What each class charges a month: for an environment, and for each resource type. */
export type PriceTable = Map<
  string,
  { base: number; resources: Record<string, number> }
>;

export interface MetricQuery {
  scope: MetricScope;
  now: Date;
  /** The start of a windowed metric's window; absent for one of the current state. */
  since?: Date;
  prices: PriceTable;
  /** What the prices are in. */
  currency: string;
}

/** Every statistic of a metric over some environments, and how many things it counted. */
export interface Measure {
  statistics: Record<string, number | null>;
  count: number;
}

/** A metric over the whole scope, and per owner group and per class within it. */
export interface MetricMeasure {
  total: Measure;
  byOwner: Array<Measure & { key: string }>;
  byClass: Array<Measure & { key: string }>;
}

/** What holds a goal back is judged against its own statistic and target. */
export interface HoldingBackQuery extends MetricQuery {
  statistic: string;
  target: number;
  direction: 'atLeast' | 'atMost';
  /** What the caller may read; the holders are filtered by it in SQL. */
  readFilter?: PermissionCriteria<EnvironmentFilter>;
  limit: number;
}

/** Why an operation failed, or a request was refused. */
export type FailureCause =
  | 'provider-error'
  | 'baseline-refusal'
  | 'timeout'
  | 'rejected-approval';

/** A failed operation, or a request a blocking rule refused (no operation id then). */
export interface OperationFailure extends GoalHolder {
  cause: FailureCause;
  operationId?: string;
  operationType: string;
  error?: string;
  at: string;
}

/** The metric catalogue, computed from the service's tables. */
export interface MetricStore {
  measure(metric: GoalMetric, query: MetricQuery): Promise<MetricMeasure>;
  holdingBack(
    metric: GoalMetric,
    query: HoldingBackQuery,
  ): Promise<GoalHolder[]>;
  /** The failed operations and refused requests of the window, newest first. */
  listFailures(query: MetricQuery, limit: number): Promise<OperationFailure[]>;
}
