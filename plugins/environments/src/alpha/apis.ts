import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EnvironmentsClient } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';

/** `api:environments`: the common package's client, with the user's token. */
export const environmentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: environmentsApiRef,
      // The API refs rather than `coreApis`, which frontend-plugin-api 0.18 (Backstage 1.55) lacks.
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnvironmentsClient({ discoveryApi, fetchApi }),
    }),
});
