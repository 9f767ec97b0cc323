import { JsonObject } from '@backstage/types';
import { ProvisionedResource } from '@paved/plugin-environments-node';
import { GenerationalMemo } from './GenerationalMemo';
import { GitRepository } from './git/GitRepository';
import {
  RemoteRepository,
  syncRemote,
} from './pullRequests/deliverByPullRequest';
import { namespaceFolder, namespaceName } from './naming';
import { GitopsTargetConfig } from './readGitopsTargets';
import { RepositorySnapshot } from './observe/RepositorySnapshot';
import { NamespaceContext } from './render/NamespaceContext';
import { RenderedNamespace, renderNamespace } from './render/renderNamespace';
import { NamespaceSpec, validateNamespaceSpec } from './spec';

/** What the card says until a cluster's sync state can be read. */
export const APPLIED_STATE_UNKNOWN = 'unknown: no cluster configured';
/** What the card says until the reconciler's first read of the cluster replaces it. */
export const APPLIED_STATE_NOT_READ =
  'unknown: read from the cluster on the next reconciler pass';

/**
 * A configured target with its repository: where its namespaces' folders are, and the
 * URLs users see for them.
 */
/** Where users see a target's repository: its clone URL and a folder at a commit. */
export interface RepositoryLinks {
  cloneUrl: string;
  treeUrl(commit: string, path: string): string;
}

export class GitopsTarget {
  private snapshot?: RepositorySnapshot;
  /**
   * Renderings by spec and context: rendering and checking against the Kubernetes schema
   * is most of what observing costs, and a resource's rendering only changes with them.
   */
  private readonly renderings = new GenerationalMemo<RenderedNamespace>();
  /** The objects of each YAML text read, so a new commit re-parses only what it changed. */
  private readonly parsed = new GenerationalMemo<unknown[]>();

  constructor(
    readonly config: GitopsTargetConfig,
    /** The repository itself, or for a remote one the local copy it is fetched into. */
    readonly repository: GitRepository,
    private readonly links: RepositoryLinks,
    /** Set for a GitHub or GitLab repository (pull-request mode). */
    readonly remote?: RemoteRepository,
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
   * target. Each new commit starts a generation of the memos: what the commit before used
   * and this one does not is let go.
   */
  async allFiles(): Promise<RepositorySnapshot> {
    await this.sync();
    const head = await this.head();
    if (this.snapshot && this.snapshot.head === head) return this.snapshot;
    const root = this.namespacesRoot;
    const files = await this.repository.readFiles(head, [root || '.']);
    this.renderings.rotate();
    this.parsed.rotate();
    this.snapshot = new RepositorySnapshot(head, files, root, this.parsed);
    return this.snapshot;
  }

  /** A remote repository's branch fetched into the local copy; nothing for a local one. */
  async sync(): Promise<void> {
    if (this.remote)
      await syncRemote(this.repository, this.remote, this.config.branch);
  }

  cloneUrl(): string {
    return this.links.cloneUrl;
  }

  /** The folder at a commit on the git host. */
  folderUrl(commit: string, path: string): string {
    return this.links.treeUrl(commit, path);
  }

  /**
   * What the manifests of a resource say besides its spec. `spec` (as validated) names the
   * namespace when it sets one.
   */
  context(resource: ProvisionedResource, spec?: JsonObject): NamespaceContext {
    const explicit = spec?.namespace;
    return {
      cluster: this.config.cluster,
      namespace: namespaceName(
        resource,
        typeof explicit === 'string' ? explicit : undefined,
      ),
      environment: resource.environmentName,
      entityRef: resource.entityRef,
      owner: resource.owner ?? 'group:default/unknown',
      tier: resource.tier,
      expiresAt: resource.expiresAt,
    };
  }

  /**
   * A resource's folder and its files as this target renders them, rendered once for each
   * spec and context (the rendering is deterministic; shared, so read only). A spec or
   * manifest that does not validate throws every time.
   */
  render(resource: ProvisionedResource, spec: JsonObject) {
    const context = this.context(resource, spec);
    const folder = this.folder(context.namespace);
    const rendered = this.renderings.get(JSON.stringify([spec, context]), () =>
      renderNamespace(
        validateNamespaceSpec(spec) as NamespaceSpec,
        context,
        folder.path,
      ),
    );
    return { context, folder, rendered };
  }

  /** What the card shows: where the files are, the commit with a link, and the namespace. */
  outputs(context: NamespaceContext, path: string, commit?: string) {
    return {
      namespace: context.namespace,
      cluster: context.cluster,
      repository: this.cloneUrl(),
      path: `${path}/`,
      ...(commit && {
        commit: commit.slice(0, 12),
        commitUrl: this.folderUrl(commit, path),
      }),
      appliedState: this.config.kubernetes
        ? APPLIED_STATE_NOT_READ
        : APPLIED_STATE_UNKNOWN,
    };
  }
}
