import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  DefaultCatalogGraphApi,
  catalogGraphApiRef,
} from '@backstage/plugin-catalog-graph';
import {
  RELATION_ENVIRONMENT_OF,
  RELATION_HAS_ENVIRONMENT,
} from '@paved/plugin-environments-common';

/**
 * Teaches the catalog graph Paved's relations, so it draws component → environments →
 * resources: it follows only the relations it knows, and Backstage's list has no
 * environments. Overrides the catalog-graph plugin's own `api:catalog-graph`.
 */
export const catalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: [
                ...ALL_RELATIONS,
                RELATION_HAS_ENVIRONMENT,
                RELATION_ENVIRONMENT_OF,
              ],
              knownRelationPairs: [
                ...ALL_RELATION_PAIRS,
                [RELATION_HAS_ENVIRONMENT, RELATION_ENVIRONMENT_OF],
              ],
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
