import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { localGitPlugin } from './plugin';
import { localGitUrlReaderFactory } from './urlReader';

/**
 * The git host and its URL reader.
 *
 * @public
 */
export const localGitFeatures = createBackendFeatureLoader({
  *loader() {
    yield localGitPlugin;
    yield localGitUrlReaderFactory;
  },
});
