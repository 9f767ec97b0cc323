import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { readLocalGit } from './config';
import { LocalGitUrlReader } from './LocalGitUrlReader';

/**
 * Adds the reader of hosted repositories to every plugin's URL reader, so the catalog
 * registers and TechDocs builds from them like from GitHub.
 *
 * @public
 */
export const localGitUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return ({ config, treeResponseFactory }) => {
      const { repositories, urls } = readLocalGit(config);
      return [
        {
          predicate: (url: URL) => urls.owns(url),
          reader: new LocalGitUrlReader(repositories, urls, treeResponseFactory),
        },
      ];
    };
  },
});
