import { EnvironmentStatus, Tier } from '@paved/plugin-environments-common';

/**
 * The TechDocs entity holding the platform guidelines. Its `docs/index.md` lists the
 * anchors below under "Link targets" and keeps them stable.
 */
export const GUIDELINES_ENTITY = {
  namespace: 'default',
  kind: 'component',
  name: 'platform-guidelines',
};

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
  ephemeralTemplate: 'golden-paths/#paved-ephemeral-environment',
} as const;
