/**
 * Git repositories hosted by the Backstage backend itself, for portals without a
 * GitHub or GitLab integration: the `paved:git:publish` action creates them, the
 * catalog and TechDocs read them, and anyone can clone them.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { scaffolderModuleLocalGit } from './module';
import { localGitPlugin } from './plugin';
import { localGitUrlReaderFactory } from './urlReader';

export { localGitPlugin } from './plugin';
export { scaffolderModuleLocalGit } from './module';
export { localGitUrlReaderFactory } from './urlReader';
export { createPavedGitPublishAction } from './actions/publish';
export { LocalGitRepositories } from './LocalGitRepositories';
export { LocalGitUrls } from './localGitUrls';

/**
 * Everything at once: the git host, the URL reader and the publish action.
 *
 * @public
 */
export default createBackendFeatureLoader({
  *loader() {
    yield localGitPlugin;
    yield localGitUrlReaderFactory;
    yield scaffolderModuleLocalGit;
  },
});
