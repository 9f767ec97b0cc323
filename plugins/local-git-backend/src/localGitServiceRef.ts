import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { readLocalGit } from './config';
import { LocalGitRepositories } from './LocalGitRepositories';
import { LocalGitUrls } from './localGitUrls';

/**
 * The hosted repositories and the URLs they are served at.
 *
 * @public
 */
export interface LocalGitService {
  repositories: LocalGitRepositories;
  urls: LocalGitUrls;
}

/**
 * Where the git host, its URL reader and other plugins' modules (the scaffolder's
 * `paved:git:publish`) get the repositories. Root-scoped, so that all of them share one
 * folder and one base URL, read once from `localGit.directory` and `backend.baseUrl`.
 *
 * @public
 */
export const localGitServiceRef = createServiceRef<LocalGitService>({
  id: 'local-git.repositories',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => readLocalGit(config),
    }),
});
