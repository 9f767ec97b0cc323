import {
  EnvironmentStatus,
  GoalMetric,
  Tier,
} from '@paved/plugin-environments-common';

/**
 * The TechDocs entity holding the platform guidelines. Its `docs/link-targets.md` lists
 * the anchors below under "Link targets" and keeps them stable.
 */
export const GUIDELINES_ENTITY = {
  namespace: 'default',
  kind: 'component',
  name: 'platform-guidelines',
};

/** Where TechDocs shows the guidelines unless the app mounts it elsewhere. */
export const DEFAULT_GUIDELINES_ROOT = `/docs/${GUIDELINES_ENTITY.namespace}/${GUIDELINES_ENTITY.kind}/${GUIDELINES_ENTITY.name}`;

/**
 * A link the backend sends (a finding's, from its baseline config) as a page of the
 * guidelines, so it can follow where the app mounts TechDocs like the other links;
 * undefined when it points anywhere else.
 */
export function guidelinePageOf(link: string): string | undefined {
  const prefix = `${DEFAULT_GUIDELINES_ROOT}/`;
  return link.startsWith(prefix) ? link.slice(prefix.length) : undefined;
}

/** Pages and anchors of the guidelines, relative to the site's root. */
export const guidelinePages = {
  tier: (tier: Tier) => `environments/tiers/#${tier}`,
  environmentClass: (name: string) => `environments/classes/#${name}`,
  status: (status: EnvironmentStatus) =>
    `environments/requesting/#status-${status}`,
  retries: 'environments/requesting/#retries',
  expiry: 'environments/requesting/#expiry',
  extend: 'environments/requesting/#extend',
  destroy: 'environments/requesting/#destroy',
  destroyProduction: 'environments/requesting/#destroy-production',
  connecting: 'databases/#connecting',
  connectionString: 'databases/#connection-string',
  cost: 'cost/#estimate',
  permissions: 'ownership/#permissions',
  baselines: 'baselines/#what-a-baseline-is',
  approvals: 'approvals/#requests',
  decisions: 'approvals/#deciding',
  exceptions: 'approvals/#exceptions',
  askException: 'approvals/#asking-for-an-exception',
  ephemeralTemplate: 'golden-paths/#paved-ephemeral-environment',
  goldenPaths: 'golden-paths/',
  goal: 'goals/#goal',
  goalStatus: 'goals/#status',
  goalHistory: 'goals/#history',
  goalExport: 'goals/#export',
  goalExampleHistory: 'goals/#example-history',
  goalMetric: (metric: GoalMetric) => `goals/#${metric}`,
} as const;
