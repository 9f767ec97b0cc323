import { JsonObject } from '@backstage/types';
import { ProvisionedResource } from '@paved/plugin-environments-node';
import { LocalGitUrls } from '@paved/plugin-local-git-backend';
import { GitRepository } from './git/GitRepository';
import { namespaceFolder, namespaceName } from './naming';
import { GitopsTargetConfig } from './readGitopsTargets';
import { NamespaceContext } from './render/NamespaceContext';
import { renderNamespace } from './render/renderNamespace';
import { NamespaceSpec, validateNamespaceSpec } from './spec';

/** What the card says until a cluster's sync state can be read. */
export const APPLIED_STATE_UNKNOWN = 'unknown: no cluster configured';

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

  /** What the manifests of a resource say besides its spec. */
  context(resource: ProvisionedResource): NamespaceContext {
    return {
      cluster: this.config.cluster,
      namespace: namespaceName(resource),
      environment: resource.environmentName,
      entityRef: resource.entityRef,
      owner: resource.owner ?? 'group:default/unknown',
      tier: resource.tier,
      expiresAt: resource.expiresAt,
    };
  }

  /** A resource's folder and its files as this target renders them. */
  render(resource: ProvisionedResource, spec: JsonObject) {
    const context = this.context(resource);
    const folder = this.folder(context.namespace);
    const rendered = renderNamespace(
      validateNamespaceSpec(spec) as NamespaceSpec,
      context,
      folder.path,
    );
    return { context, folder, rendered };
  }

  /** What the card shows: where the files are, the commit with a link, and the namespace. */
  outputs(context: NamespaceContext, path: string, commit: string | undefined) {
    return {
      namespace: context.namespace,
      cluster: context.cluster,
      repository: this.cloneUrl(),
      path: `${path}/`,
      ...(commit && {
        commit: commit.slice(0, 12),
        commitUrl: this.folderUrl(commit, path),
      }),
      appliedState: APPLIED_STATE_UNKNOWN,
    };
  }
}
