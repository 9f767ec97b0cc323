import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ResourceProvider } from './ResourceProvider';

/** @public */
export interface EnvironmentsProvidersExtensionPoint {
  addProvider(provider: ResourceProvider): void;
}

/**
 * Where provider modules register: one provider per resource type.
 * @public
 */
export const environmentsProvidersExtensionPoint =
  createExtensionPoint<EnvironmentsProvidersExtensionPoint>({
    id: 'environments.providers',
  });
