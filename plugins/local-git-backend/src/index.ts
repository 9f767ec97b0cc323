/**
 * Git repositories hosted by the Backstage backend itself, for portals without a
 * GitHub or GitLab integration: the catalog and TechDocs read them, and anyone can
 * clone them. `@paved/plugin-scaffolder-backend-module-local-git` publishes to them.
 *
 * @packageDocumentation
 */
export { localGitFeatures as default } from './localGitFeatures';
export { localGitPlugin } from './plugin';
export { localGitUrlReaderFactory } from './urlReader';
export { localGitServiceRef, type LocalGitService } from './localGitServiceRef';
export {
  LocalGitRepositories,
  type PublishRequest,
} from './LocalGitRepositories';
export { LocalGitUrls, type LocalGitLocation } from './localGitUrls';
