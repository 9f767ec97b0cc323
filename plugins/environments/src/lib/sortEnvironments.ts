import { Environment, TIERS } from '@paved/plugin-environments-common';

/**
 * Production first, then staging, development and preview (the order of `TIERS`), then
 * by name and entity. The server sorts the same way; sorting here too keeps the order
 * when a system's list mixes components.
 */
export function sortEnvironments(environments: Environment[]): Environment[] {
  return [...environments].sort(
    (a, b) =>
      TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) ||
      a.name.localeCompare(b.name) ||
      a.entityRef.localeCompare(b.entityRef),
  );
}
