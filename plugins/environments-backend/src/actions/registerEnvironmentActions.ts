import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { createEnvironmentAction } from './createEnvironmentAction';
import { destroyEnvironmentAction } from './destroyEnvironmentAction';
import { EnvironmentAction, registerAction } from './EnvironmentAction';
import { extendEnvironmentAction } from './extendEnvironmentAction';
import { getEnvironmentAction } from './getEnvironmentAction';
import { listEnvironmentsAction } from './listEnvironmentsAction';
import { listFindingsAction } from './listFindingsAction';
import { planEnvironmentAction } from './planEnvironmentAction';

/** Every action, as another adapter over the service the REST API uses. */
export function environmentActions(
  environments: EnvironmentsService,
): EnvironmentAction<any, any>[] {
  return [
    listEnvironmentsAction(environments),
    getEnvironmentAction(environments),
    planEnvironmentAction(environments),
    createEnvironmentAction(environments),
    extendEnvironmentAction(environments),
    destroyEnvironmentAction(environments),
    listFindingsAction(environments),
  ];
}

/**
 * Registers the environments actions with Backstage's actions registry, which serves them
 * to MCP clients (`@backstage/plugin-mcp-actions-backend`) and other plugins. Each runs as
 * the caller, through the same permission checks as the REST API.
 */
export function registerEnvironmentActions(
  actionsRegistry: ActionsRegistryService,
  environments: EnvironmentsService,
): void {
  for (const action of environmentActions(environments)) {
    registerAction(actionsRegistry, action);
  }
}
