import { HumanDuration } from '@backstage/types';

export interface Config {
  /** The Paved environments service. */
  environments?: {
    /** ISO 4217 code the price tables are in (default USD). */
    currency?: string;
    /**
     * Environment classes: what an environment of each kind is, allows and costs. A class
     * that is wrong stops the backend with the key and the rule.
     */
    classes?: Array<{
      /** Lowercase letters, digits and hyphens, e.g. `preview`. */
      name: string;
      tier: 'production' | 'staging' | 'development' | 'preview';
      /** Ephemeral environments expire (and need `ttl`); static ones do not. */
      lifecycle: 'static' | 'ephemeral';
      description?: string;
      /** Ephemeral classes only: durations such as `30m`, `24h`, `7d`. */
      ttl?: {
        default: string;
        max: string;
        /** When the owner is warned before expiry (default: a tenth of `default`). */
        warnBefore?: string;
      };
      /** The baseline (a key of `environments.baselines`) its environments must meet. */
      baseline?: string;
      /**
       * What the reconciler does when a live resource drifts: `report` a finding (default),
       * or also `restore` the desired state with an update operation.
       */
      drift?: 'report' | 'restore';
      /**
       * When requests of this class need a decision before anything is provisioned, and
       * who decides. Any trigger that holds is enough; without this key, none need one.
       */
      approval?: {
        /** A group ref; default `paved.permissions.platformGroup`. */
        approvers?: string;
        /** Every request (e.g. production). */
        always?: boolean;
        /** Requests whose estimated monthly cost exceeds this budget. */
        monthlyBudget?: number;
        /** Requests that add a resource of one of these types. */
        resourceTypes?: string[];
        /** Requests that break a baseline rule of severity `high`. */
        highSeverity?: boolean;
        /** Whether an approver may approve their own request (default false). */
        selfApproval?: boolean;
        /** How long a request waits before it expires, e.g. `3d` (default `7d`). */
        expireAfter?: string;
      };
      /** Live environments of this class one owner group may have (default 25). */
      maxEnvironmentsPerOwner?: number;
      /** Monthly cost of an environment before its resources (default 0). */
      baseMonthlyCost?: number;
      /** The resource types the class allows, each with its provider target and price. */
      resources?: {
        [resourceType: string]: {
          /** A target of the resource type's provider, e.g. `embedded`. */
          target: string;
          /** Monthly cost of one resource of this type. */
          monthlyCost?: number;
        };
      };
    }>;
    /**
     * Baselines by name: rules over environments and their resources, checked on request
     * (a `blocking` rule refuses it) and on live resources by the reconciler (drift).
     */
    baselines?: {
      [name: string]: {
        /** A baseline whose rules this one inherits; its own rules replace those of the same id. */
        extends?: string;
        description?: string;
        rules?: Array<{
          /**
           * A registered rule: the backend's `resource.exists`, `environment.ttl`,
           * `environment.owner-is-group`, `environment.name-pattern` (`pattern`),
           * `environment.max-resources` (`max`), `environment.cost-budget` (`max`), or one
           * an installed provider brings (see its README; the guidelines' baselines page
           * lists them all).
           */
          id: string;
          /** `blocking` refuses a request; `high` degrades the environment; `low` informs. */
          severity: 'blocking' | 'high' | 'low';
          /** What a developer reads when the rule is broken. */
          message: string;
          /**
           * The rule's section of the guidelines, ending in `#<id>`. A baseline that
           * inherits the rule links to its own page instead when this one names the
           * parent's (`…/baselines/<parent>/#<id>` becomes `…/baselines/<child>/#<id>`).
           */
          link: string;
          /** The rule's parameters. */
          params?: { [name: string]: unknown };
        }>;
      };
    };
    /** The drift reconciler: how often live resources are observed (default every 5 minutes). */
    reconciler?: { frequency?: HumanDuration };
    /** Encryption of generated credentials at rest (AES-256-GCM). */
    secrets?: {
      /**
       * 32 random bytes, base64 (`openssl rand -base64 32`).
       * @visibility secret
       */
      key?: string;
      /** A file holding the key; created with a random key if missing. */
      keyFile?: string;
    };
    /** Baseline exceptions: time-boxed acceptance of a `high` rule's findings. */
    exceptions?: {
      /** The longest an exception may last, e.g. `30d` (default 90 days). */
      maxDuration?: string;
      /** How long before an exception ends its environment's owner is told (default 3 days). */
      noticeBefore?: string;
    };
    /**
     * Shared goals: what both teams work toward, each measured by a metric of Paved's
     * catalogue (the guidelines' goals page defines each) and snapshotted once a day.
     * A goal that is wrong stops the backend with the key and the rule.
     */
    goals?: Array<{
      /** Lowercase letters, digits and hyphens; the goal's URL on the Goals page. */
      id: string;
      title: string;
      description?: string;
      /** The group that owns the goal, e.g. `group:default/platform-team`. */
      owner: string;
      metric:
        | 'baseline-conformance'
        | 'drift-time-to-resolve'
        | 'provisioning-lead-time'
        | 'operation-success'
        | 'ephemeral-hygiene'
        | 'self-service-share'
        | 'cost-against-budget';
      /**
       * The statistic of the metric the target is for, e.g. `p50` of
       * `provisioning-lead-time` (default: the metric's headline statistic).
       */
      statistic?: string;
      /** Which environments count; every field narrows it. */
      scope?: {
        tier?: 'production' | 'staging' | 'development' | 'preview';
        /** A class of `environments.classes`. */
        class?: string;
        /** The owner group of the environments. */
        owner?: string;
        /** A system ref: its environments and those of its components. */
        system?: string;
      };
      /**
       * A number, in the statistic's unit (percent 0–100, hours, the currency), on the side
       * the statistic implies (at least a share, at most hours and cost); or
       * `{ atLeast: n }` / `{ atMost: n }` to say the side.
       */
      target: number | { atLeast: number } | { atMost: number };
      /** Windowed metrics: the days measured, ending now, e.g. `7d` (default `30d`). */
      window?: string;
      /** The date the target is due, e.g. `2027-03-31`. */
      due: string;
    }>;
    /**
     * Example environments created on start when the store holds no environment at all
     * (a restart, or a portal in use, gets none): `true` for the embedded portal's set
     * (its examples/ components and classes), or a list of create requests as the API
     * takes them. Created as the service through the API's create, provisioned for
     * real, approved at once where their class needs approval, their request's reason
     * saying they are example data. Default off: leave it off in a real portal.
     */
    examples?:
      | boolean
      | Array<{
          name: string;
          class: string;
          /** A group, e.g. `group:default/checkout-team`. */
          owner: string;
          /** A catalog entity, e.g. `component:default/checkout-api`. */
          entityRef: string;
          /** Ephemeral classes only, e.g. `3d`. */
          ttl?: string;
          resources?: Array<{
            type: string;
            name: string;
            spec?: { [key: string]: unknown };
          }>;
          reason?: string;
        }>;
    goalSnapshots?: {
      /** How often every goal's snapshot of the day is recorded (default every 24 hours). */
      frequency?: HumanDuration;
      /**
       * Start each goal that has no history yet with 90 days of made-up snapshots, a
       * trend towards its target marked as example data, so a demo portal's Goals page
       * has a chart at once. Measured snapshots take over day by day; the examples never
       * decide a status or a notification. Default false: leave it off in a real portal.
       */
      exampleHistory?: boolean;
    };
    /** How often the goals digest goes to the teams (default every 7 days). */
    goalDigest?: { frequency?: HumanDuration };
    /** How often waiting requests are checked for expiry (default every minute). */
    requests?: { frequency?: HumanDuration };
    /** How often ephemeral environments are checked for expiry (default every minute). */
    reaper?: { frequency?: HumanDuration };
  };
}
