import { InputError } from '@backstage/errors';
import { LocalGitRepositories, normalizePath } from './LocalGitRepositories';

/**
 * Where a URL points inside a hosted repository.
 *
 * @public
 */
export interface LocalGitLocation {
  repository: string;
  /** `blob` names a file, `tree` a folder; readers accept either for a folder. */
  kind: 'blob' | 'tree';
  ref: string;
  path: string;
}

/**
 * The URLs of hosted repositories, all under the plugin's base URL:
 * `<base>/<name>.git` to clone, `<base>/<name>/blob/<ref>/<path>` for a file and
 * `<base>/<name>/tree/<ref>/<path>` for a folder, the shapes GitHub and GitLab use.
 *
 * @public
 */
export class LocalGitUrls {
  constructor(readonly baseUrl: string) {}

  owns(url: URL | string): boolean {
    return String(url).startsWith(`${this.baseUrl}/`);
  }

  cloneUrl(repository: string): string {
    return `${this.baseUrl}/${repository}.git`;
  }

  blobUrl(repository: string, ref: string, path: string): string {
    return `${this.baseUrl}/${repository}/blob/${ref}/${normalizePath(path)}`;
  }

  treeUrl(repository: string, ref: string, path = ''): string {
    const dir = normalizePath(path);
    return `${this.baseUrl}/${repository}/tree/${ref}/${dir ? `${dir}/` : ''}`;
  }

  parse(url: URL | string): LocalGitLocation {
    const text = String(url);
    if (!this.owns(text)) {
      throw new InputError(
        `${text} is not a URL of a repository under ${this.baseUrl}`,
      );
    }
    const rest = decodeURIComponent(new URL(text).pathname).slice(
      new URL(this.baseUrl).pathname.replace(/\/$/, '').length + 1,
    );
    const match = /^([^/]+)\/(blob|tree)\/([^/]+)(?:\/(.*))?$/.exec(rest);
    if (!match) {
      throw new InputError(
        `${text} must look like ${this.baseUrl}/<repository>/blob/<ref>/<path>`,
      );
    }
    const [, repository, kind, ref, path = ''] = match;
    LocalGitRepositories.validateName(repository);
    LocalGitRepositories.validateRef(ref);
    return {
      repository,
      kind: kind as LocalGitLocation['kind'],
      ref,
      path: normalizePath(path),
    };
  }
}
