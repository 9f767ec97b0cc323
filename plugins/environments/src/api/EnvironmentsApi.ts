import { createApiRef } from '@backstage/core-plugin-api';
import { EnvironmentsApi } from '@paved/plugin-environments-common';

export type { EnvironmentsApi };

/**
 * The environments REST API. Implemented by the `-common` package's
 * `EnvironmentsClient`, so the front end and backend modules share one client.
 * @public
 */
export const environmentsApiRef = createApiRef<EnvironmentsApi>({
  id: 'plugin.environments.service',
});
