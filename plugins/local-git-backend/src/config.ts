import { Config } from '@backstage/config';
import { LocalGitRepositories } from './LocalGitRepositories';
import { LocalGitUrls } from './localGitUrls';

/** The repositories and their URLs, from `localGit.directory` and `backend.baseUrl`. */
export function readLocalGit(config: Config): {
  repositories: LocalGitRepositories;
  urls: LocalGitUrls;
} {
  const directory =
    config.getOptionalString('localGit.directory') ?? '.local-git';
  const backendBaseUrl = config.getString('backend.baseUrl').replace(/\/$/, '');
  return {
    repositories: new LocalGitRepositories(directory),
    urls: new LocalGitUrls(`${backendBaseUrl}/api/local-git`),
  };
}
