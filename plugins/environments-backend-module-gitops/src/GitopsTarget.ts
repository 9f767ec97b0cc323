import { LocalGitUrls } from '@paved/plugin-local-git-backend';
import { GitRepository } from './git/GitRepository';
import { namespaceFolder } from './naming';
import { GitopsTargetConfig } from './readGitopsTargets';

/**
 * A configured target with its repository: where its namespaces' folders are, and the
 * URLs users see for them.
 */
export class GitopsTarget {
  private snapshot?: { head?: string; files: Map<string, string> };

  constructor(
    readonly config: GitopsTargetConfig,
    readonly repository: GitRepository,
    private readonly urls: LocalGitUrls,
  ) {}

  get name() {
    return this.config.name;
  }

  folder(namespace: string) {
    return namespaceFolder(this.config.pathTemplate, {
      cluster: this.config.cluster,
      namespace,
    });
  }

  /** The folder all of this target's namespaces are in (every path differs only there). */
  get namespacesRoot(): string {
    return this.folder('x').parent;
  }

  head() {
    return this.repository.head(this.config.branch);
  }

  /**
   * Every file below the namespaces' folder at the branch's head: read once per commit,
   * however many resources and observe calls ask, so a reconciler pass costs one read per
   * target.
   */
  async allFiles(): Promise<{ head?: string; files: Map<string, string> }> {
    const head = await this.head();
    if (this.snapshot && this.snapshot.head === head) return this.snapshot;
    const root = this.namespacesRoot;
    const files = await this.repository.readFiles(head, [root || '.']);
    this.snapshot = { head, files };
    return this.snapshot;
  }

  cloneUrl(): string {
    return this.urls.cloneUrl(this.config.localGit.repository);
  }

  /** The folder at a commit on the local git host. */
  folderUrl(commit: string, path: string): string {
    return this.urls.treeUrl(this.config.localGit.repository, commit, path);
  }
}
