import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { Knex } from 'knex';
import { startWithProviderDouble } from '../../__testUtils__/startWithProviderDouble';
import { actorKeepingAuth } from './actorKeepingAuth';
import { ownersPolicyModule, peopleUserInfo } from './ownersPolicy';

/** What the actions need from the portal's config: the registry lists this plugin. */
export const mcpConfig = {
  backend: { actions: { pluginSources: ['environments'] } },
  permission: { enabled: true },
};

/**
 * The MCP actions backend and the real permission backend, with the owners' policy, and
 * auth that tells a user from a plugin acting for one.
 */
export const mcpFeatures = [
  mcpActionsPlugin,
  permissionPlugin,
  ownersPolicyModule,
  peopleUserInfo,
  actorKeepingAuth,
];

/**
 * The environments plugin with the provider double (see startWithProviderDouble), served
 * to MCP clients, with permissions decided by the owners' policy.
 */
export function startWithMcp(options: { knex: Knex; classes: unknown[] }) {
  return startWithProviderDouble({
    ...options,
    config: mcpConfig,
    features: mcpFeatures,
  });
}
