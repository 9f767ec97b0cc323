import { ApiBlueprint, coreApis } from '@backstage/frontend-plugin-api';
import { EnvironmentsClient } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';

/** `api:environments`: the common package's client, with the user's token. */
export const environmentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: environmentsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnvironmentsClient({ discoveryApi, fetchApi }),
    }),
});
