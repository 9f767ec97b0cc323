/** Findings of these severities make an environment `degraded`. */
export const DEGRADING: ReadonlySet<string> = new Set(['blocking', 'high']);
