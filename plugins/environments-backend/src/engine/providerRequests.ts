import {
  ProviderOperation,
  ProvisionedResource,
} from '@paved/plugin-environments-node';
import {
  ClaimedOperation,
  EnvironmentRecord,
  ResourceRecord,
} from '../database/EnvironmentsStore';

/** The resource as a provider call names it: with its environment's name, owner and tier. */
export function provisioned(
  environment: EnvironmentRecord,
  resource: ResourceRecord,
): ProvisionedResource {
  return {
    id: resource.id,
    name: resource.name,
    environmentName: environment.name,
    entityRef: environment.entityRef,
    owner: environment.owner,
    tier: environment.tier,
    expiresAt: environment.expiresAt,
  };
}

export function providerOperation(
  operation: ClaimedOperation,
): ProviderOperation {
  return {
    id: operation.id,
    type: operation.type,
    requestedBy: operation.requestedBy,
  };
}
