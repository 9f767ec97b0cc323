import { ReadUrlResponseFactory } from '@backstage/backend-defaults/urlReader';
import type { ReaderFactory } from '@backstage/backend-defaults/urlReader';
import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import { minimatch } from 'minimatch';
import { Readable } from 'node:stream';
import { LocalGitRepositories } from './LocalGitRepositories';
import { LocalGitUrls } from './localGitUrls';

type TreeResponseFactory = Parameters<ReaderFactory>[0]['treeResponseFactory'];

/**
 * Reads hosted repositories straight from disk, for the catalog (files and globs) and
 * TechDocs (folders). A commit id is the ETag, so an unchanged repository is not read
 * again.
 */
export class LocalGitUrlReader implements UrlReaderService {
  constructor(
    private readonly repositories: LocalGitRepositories,
    private readonly urls: LocalGitUrls,
    private readonly treeResponseFactory: TreeResponseFactory,
  ) {}

  async readUrl(
    url: string,
    options: UrlReaderServiceReadUrlOptions = {},
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const location = this.urls.parse(url);
    const commit = await this.repositories.resolveCommit(
      location.repository,
      location.ref,
    );
    if (options.etag === commit) {
      throw new NotModifiedError();
    }
    const data = await this.repositories.readFile(
      location.repository,
      commit,
      location.path,
    );
    return ReadUrlResponseFactory.fromReadable(Readable.from([data]), {
      etag: commit,
    });
  }

  async readTree(
    url: string,
    options: UrlReaderServiceReadTreeOptions = {},
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const location = this.urls.parse(url);
    const commit = await this.repositories.resolveCommit(
      location.repository,
      location.ref,
    );
    if (options.etag === commit) {
      throw new NotModifiedError();
    }
    return this.treeResponseFactory.fromTarArchive({
      stream: this.repositories.archive(
        location.repository,
        commit,
        location.path,
      ),
      etag: commit,
      filter: options.filter,
    });
  }

  async search(
    url: string,
    options: UrlReaderServiceSearchOptions = {},
  ): Promise<UrlReaderServiceSearchResponse> {
    const location = this.urls.parse(url);
    const commit = await this.repositories.resolveCommit(
      location.repository,
      location.ref,
    );
    if (options.etag === commit) {
      throw new NotModifiedError();
    }
    const paths = (
      await this.repositories.listFiles(location.repository, commit)
    ).filter(path => minimatch(path, location.path));
    return {
      etag: commit,
      files: paths.map(path => ({
        url: this.urls.blobUrl(location.repository, location.ref, path),
        content: () =>
          this.repositories.readFile(location.repository, commit, path),
      })),
    };
  }

  toString() {
    return `local-git{root=${this.repositories.root}}`;
  }
}
