/**
 * Findings of these severities make an environment `degraded`. scripts/baseline-docs.js
 * reads this line to say so on the guideline pages.
 */
export const DEGRADING = new Set(['blocking', 'high']);
