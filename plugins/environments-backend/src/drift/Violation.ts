import { RuleViolation } from '../baselines';

/** A broken rule and the environment it was found in. */
export type Violation = RuleViolation & { environmentId: string };
