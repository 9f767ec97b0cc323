import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { localGitServiceRef } from './localGitServiceRef';
import { LocalGitUrlReader } from './LocalGitUrlReader';

/**
 * Adds the reader of hosted repositories to every plugin's URL reader, so the catalog
 * registers and TechDocs builds from them like from GitHub.
 *
 * @public
 */
export const localGitUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: { localGit: localGitServiceRef },
  async factory({ localGit: { repositories, urls } }) {
    return ({ treeResponseFactory }) => [
      {
        predicate: (url: URL) => urls.owns(url),
        reader: new LocalGitUrlReader(repositories, urls, treeResponseFactory),
      },
    ];
  },
});
