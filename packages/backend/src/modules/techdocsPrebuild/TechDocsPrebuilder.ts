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

  /**
   * @param waitForCatalogMs - on a first start the catalog is still reading its locations;
   *   wait this long for the first entity with docs before concluding there are none.
   */
  async buildAll(waitForCatalogMs = 0): Promise<{ built: number; failed: number }> {
    const { logger } = this.deps;
    const deadline = Date.now() + waitForCatalogMs;
    let items = await this.entitiesWithDocs();
    while (items.length === 0 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      items = await this.entitiesWithDocs();
    }
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

  private async entitiesWithDocs(): Promise<Entity[]> {
    const { auth, catalog } = this.deps;
    const { items } = await catalog.getEntities(
      {
        filter: { [`metadata.annotations.${TECHDOCS_REF}`]: CATALOG_FILTER_EXISTS },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items;
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
