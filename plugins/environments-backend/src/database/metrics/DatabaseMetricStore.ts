import { GoalHolder, GoalMetric } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import {
  holdingBackBaselineConformance,
  measureBaselineConformance,
} from './baselineConformance';
import {
  holdingBackCostAgainstBudget,
  measureCostAgainstBudget,
} from './costAgainstBudget';
import {
  holdingBackDriftTimeToResolve,
  measureDriftTimeToResolve,
} from './driftTimeToResolve';
import {
  holdingBackEphemeralHygiene,
  measureEphemeralHygiene,
} from './ephemeralHygiene';
import {
  HoldingBackQuery,
  MetricMeasure,
  MetricQuery,
  MetricStore,
} from './MetricStore';
import {
  holdingBackOperationSuccess,
  listOperationFailures,
  measureOperationSuccess,
} from './operationSuccess';
import {
  holdingBackProvisioningLeadTime,
  measureProvisioningLeadTime,
} from './provisioningLeadTime';
import {
  holdingBackSelfServiceShare,
  measureSelfServiceShare,
} from './selfServiceShare';

/** Each metric of the catalogue: its measure, and what holds a goal on it back. */
const METRICS: Record<
  GoalMetric,
  {
    measure(db: Knex, query: MetricQuery): Promise<MetricMeasure>;
    holdingBack(db: Knex, query: HoldingBackQuery): Promise<GoalHolder[]>;
  }
> = {
  'baseline-conformance': {
    measure: measureBaselineConformance,
    holdingBack: holdingBackBaselineConformance,
  },
  'drift-time-to-resolve': {
    measure: measureDriftTimeToResolve,
    holdingBack: holdingBackDriftTimeToResolve,
  },
  'provisioning-lead-time': {
    measure: measureProvisioningLeadTime,
    holdingBack: holdingBackProvisioningLeadTime,
  },
  'operation-success': {
    measure: measureOperationSuccess,
    holdingBack: holdingBackOperationSuccess,
  },
  'ephemeral-hygiene': {
    measure: measureEphemeralHygiene,
    holdingBack: holdingBackEphemeralHygiene,
  },
  'self-service-share': {
    measure: measureSelfServiceShare,
    holdingBack: holdingBackSelfServiceShare,
  },
  'cost-against-budget': {
    measure: measureCostAgainstBudget,
    holdingBack: holdingBackCostAgainstBudget,
  },
};

/** The metric catalogue over the service's own tables, one module per metric. */
export class DatabaseMetricStore implements MetricStore {
  constructor(private readonly db: Knex) {}

  measure(metric: GoalMetric, query: MetricQuery) {
    return METRICS[metric].measure(this.db, query);
  }

  holdingBack(metric: GoalMetric, query: HoldingBackQuery) {
    return METRICS[metric].holdingBack(this.db, query);
  }

  listFailures(query: MetricQuery, limit: number) {
    return listOperationFailures(this.db, query, limit);
  }
}
