/** What a goal's value is measured in. @public */
export type GoalUnit = 'percent' | 'hours' | 'currency' | 'count';

/** Which side of its target a goal wants its value on. @public */
export type GoalDirection = 'atLeast' | 'atMost';

/** One number a metric yields, that a goal can set a target for. @public */
export interface GoalStatisticDefinition {
  title: string;
  unit: GoalUnit;
  /** The direction a target takes unless the goal says `atLeast` or `atMost` itself. */
  direction: GoalDirection;
}

/** A metric of the catalogue: what it measures, and the statistics it yields. @public */
export interface GoalMetricDefinition {
  title: string;
  /** Measured over a window of days ending now (default 30), or on the current state. */
  windowed: boolean;
  /** The statistic a goal sets its target for when it names none. */
  defaultStatistic: string;
  statistics: Record<string, GoalStatisticDefinition>;
}

const share = (title: string): GoalStatisticDefinition => ({
  title,
  unit: 'percent',
  direction: 'atLeast',
});
const hours = (title: string): GoalStatisticDefinition => ({
  title,
  unit: 'hours',
  direction: 'atMost',
});
const count = (title: string): GoalStatisticDefinition => ({
  title,
  unit: 'count',
  direction: 'atMost',
});

/**
 * The metric catalogue: every goal measures one of these, computed from what Paved
 * stores. The guidelines' goals page (docs/goals.md) gives each one's exact definition.
 * @public
 */
export const GOAL_METRICS = {
  'baseline-conformance': {
    title: 'Baseline conformance',
    windowed: false,
    defaultStatistic: 'conformance',
    statistics: {
      conformance: share(
        'Live environments with no open finding of severity high or blocking',
      ),
      live: count('Live environments'),
    },
  },
  'drift-time-to-resolve': {
    title: 'Drift time to resolve',
    windowed: true,
    defaultStatistic: 'p90',
    statistics: {
      p50: hours('Median hours from finding opened to resolved'),
      p90: hours('90th percentile hours from finding opened to resolved'),
      resolved: count('Findings resolved'),
    },
  },
  'provisioning-lead-time': {
    title: 'Provisioning lead time',
    windowed: true,
    defaultStatistic: 'p90',
    statistics: {
      p50: hours('Median hours from request to ready'),
      p90: hours('90th percentile hours from request to ready'),
      noRetryShare: share('Environments ready without a retry'),
      requested: count('Environments requested'),
    },
  },
  'operation-success': {
    title: 'Operation success',
    windowed: true,
    defaultStatistic: 'successRate',
    statistics: {
      successRate: share('Operations and requests that succeeded'),
      failed: count('Failed operations and refused requests'),
      providerErrors: count('Failed by a provider error'),
      baselineRefusals: count('Refused by a blocking baseline rule'),
      timeouts: count('Failed by a timeout'),
      rejectedApprovals: count('Rejected or expired approval requests'),
    },
  },
  'ephemeral-hygiene': {
    title: 'Ephemeral hygiene',
    windowed: true,
    defaultStatistic: 'expiryShare',
    statistics: {
      expiryShare: share(
        'Expired ephemeral environments destroyed without a failed or retried destroy',
      ),
      hoursPastExpiry: hours('Environment-hours past expiry'),
      expired: count('Ephemeral environments that expired'),
    },
  },
  'self-service-share': {
    title: 'Self-service share',
    windowed: true,
    defaultStatistic: 'templateShare',
    statistics: {
      templateShare: share('Environments created through a template'),
      created: count('Environments created'),
    },
  },
  'cost-against-budget': {
    title: 'Cost against budget',
    windowed: false,
    defaultStatistic: 'monthlyCost',
    statistics: {
      monthlyCost: {
        title: 'Estimated monthly cost of live environments',
        unit: 'currency',
        direction: 'atMost',
      },
      live: count('Live environments'),
    },
  },
} as const satisfies Record<string, GoalMetricDefinition>;

/** The id of a metric of the catalogue. @public */
export type GoalMetric = keyof typeof GOAL_METRICS;

/** @public */
export const GOAL_METRIC_IDS = Object.keys(GOAL_METRICS) as [
  GoalMetric,
  ...GoalMetric[],
];
