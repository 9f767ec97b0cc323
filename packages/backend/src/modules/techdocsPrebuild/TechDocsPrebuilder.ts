import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/**
 * Builds the TechDocs site of every catalog entity that has docs, through the TechDocs
 * backend's own sync endpoint (the one the reader calls on a first visit). On a laptop
 * this means docs open at once, and the search index has TechDocs pages from the start
 * instead of answering the reader's search box with "missing index".
 */
export class TechDocsPrebuilder {
  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      discovery: DiscoveryService;
      logger: LoggerService;
    },
  ) {}

  async buildAll(): Promise<{ built: number; failed: number }> {
    const { auth, catalog, logger } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: { [`metadata.annotations.${TECHDOCS_REF}`]: CATALOG_FILTER_EXISTS },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    let built = 0;
    let failed = 0;
    // One at a time: each build is an mkdocs process, and this runs beside the portal.
    for (const entity of items) {
      try {
        await this.build(entity);
        built += 1;
      } catch (error) {
        failed += 1;
        logger.warn(
          `Could not build TechDocs for ${describe(entity)}: ${
            (error as Error).message
          }`,
        );
      }
    }
    return { built, failed };
  }

  private async build(entity: Entity): Promise<void> {
    const { auth, discovery } = this.deps;
    const { namespace, kind, name } = getCompoundEntityRef(entity);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'techdocs',
    });
    const baseUrl = await discovery.getBaseUrl('techdocs');
    const response = await fetch(
      `${baseUrl}/sync/${encodeURIComponent(namespace)}/${encodeURIComponent(
        kind,
      )}/${encodeURIComponent(name)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!response.ok) {
      throw new Error(`sync answered ${response.status}`);
    }
    // The answer is an event stream that ends when the build is done.
    const body = await response.text();
    const error = /event: error\ndata: (.*)/.exec(body);
    if (error) {
      throw new Error(JSON.parse(error[1]));
    }
  }
}

function describe(entity: Entity): string {
  const { namespace, kind, name } = getCompoundEntityRef(entity);
  return `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`;
}
