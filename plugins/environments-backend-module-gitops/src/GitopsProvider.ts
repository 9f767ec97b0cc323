import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { LocalGitService } from '@paved/plugin-local-git-backend';
import {
  ApplyRequest,
  ApplyResult,
  DestroyRequest,
  ObserveRequest,
  PreviewRequest,
  ResourceObservation,
  ResourceProvider,
} from '@paved/plugin-environments-node';
import { gitopsBaselineRules } from './baselines';
import { ClusterSyncReader } from './cluster/ClusterSyncReader';
import {
  AppliedStates,
  readAppliedStates,
  withAppliedState,
} from './cluster/readAppliedStates';
import { AuthorResolver, createAuthorResolver } from './delivery/authors';
import { ComputeChanges, deliverChanges } from './delivery/deliverChanges';
import {
  applyChanges,
  assertOurs,
  destroyChanges,
  filesIn,
  parentKustomizationPath,
} from './delivery/namespaceChanges';
import { previewChanges } from './delivery/previewChanges';
import { createTarget } from './createTarget';
import { GitopsTarget } from './GitopsTarget';
import { observeNamespace } from './observe/observeNamespace';
import { GitopsTargetConfig } from './readGitopsTargets';
import { NamespaceContext } from './render/NamespaceContext';
import { KUBERNETES_NAMESPACE } from './resourceType';
import { validateNamespaceSpec } from './spec';

/** @public */
export interface GitopsProviderOptions {
  targets: GitopsTargetConfig[];
  localGit: LocalGitService;
  logger: LoggerService;
  /** Names commit authors; by default the requester's entity ref. */
  authors?: AuthorResolver;
  /** GitHub and GitLab hosts and their credentials, for pull-request targets. */
  integrations?: ScmIntegrationRegistry;
  /** Where the local copies of GitHub and GitLab repositories are kept. */
  cacheDir?: string;
  /** The portal's URL (`app.baseUrl`), linked from change requests. */
  baseUrl?: string;
}

/**
 * Provisions `kubernetes-namespace` resources as manifests in git: apply commits the
 * rendering of the spec (one commit per operation, found again by its trailers on a
 * retry), destroy commits its removal, observe reads each target's files once per commit
 * and reports what differs from the rendering. Flux or Argo CD apply what is committed.
 *
 * @public
 */
export class GitopsProvider implements ResourceProvider {
  readonly resourceType = KUBERNETES_NAMESPACE;
  readonly providerId = 'gitops';
  readonly baselineRules = gitopsBaselineRules;
  private readonly targets: Map<string, GitopsTarget>;
  private readonly authors: AuthorResolver;
  /** The targets with a cluster to read the applied state from. */
  private readonly clusters = new Map<string, ClusterSyncReader>();

  private readonly baseUrl?: string;

  private constructor(options: GitopsProviderOptions) {
    this.targets = new Map(
      options.targets.map(t => [t.name, createTarget(t, options)]),
    );
    this.authors =
      options.authors ?? createAuthorResolver(async () => undefined);
    this.baseUrl = options.baseUrl;
    for (const { name, kubernetes } of options.targets) {
      if (kubernetes)
        this.clusters.set(name, ClusterSyncReader.fromConfig(kubernetes));
    }
  }

  /** Creates the provider and each target's repository that is missing. */
  static async create(options: GitopsProviderOptions): Promise<GitopsProvider> {
    const provider = new GitopsProvider(options);
    for (const target of provider.targets.values()) {
      await target.repository.ensure(
        target.config.branch,
        `Kubernetes namespaces of cluster ${target.config.cluster}, written by Paved`,
      );
    }
    return provider;
  }

  getTargets(): string[] {
    return [...this.targets.keys()];
  }

  validateSpec(spec: unknown): JsonObject {
    return validateNamespaceSpec(spec) as unknown as JsonObject;
  }

  async apply(request: ApplyRequest): Promise<ApplyResult> {
    const target = this.target(request.target);
    const { context, folder, rendered } = target.render(
      request.resource,
      request.spec,
    );
    const commit = await this.deliver(target, request, context, files => {
      const current = filesIn(files, folder.path);
      assertOurs(current, folder, context);
      return {
        changes: applyChanges(files, folder, rendered),
        verb: current.size ? 'Update' : 'Add',
      };
    });
    request.logger.info(
      `Namespace ${context.namespace} is at ${
        folder.path
      }/ of ${target.cloneUrl()} (${commit?.slice(0, 12)})`,
    );
    return { outputs: target.outputs(context, folder.path, commit) };
  }

  async destroy(request: DestroyRequest): Promise<void> {
    const target = this.target(request.target);
    const context = target.context(request.resource, request.spec);
    const folder = target.folder(context.namespace);
    await this.deliver(target, request, context, files => ({
      // Another environment's namespace in the same place is not ours to remove.
      changes: conflicts(() =>
        assertOurs(filesIn(files, folder.path), folder, context),
      )
        ? {}
        : destroyChanges(files, folder),
      verb: 'Remove',
    }));
  }

  async observe(request: ObserveRequest): Promise<ResourceObservation[]> {
    const target = this.target(request.target);
    const snapshot = await target.allFiles();
    const applied = await this.appliedStates(target, snapshot.head);
    return request.resources.map(({ resource, spec }) => {
      const { context, folder, rendered } = target.render(resource, spec);
      const observation = observeNamespace({
        resourceId: resource.id,
        snapshot,
        folder,
        rendered,
        namespace: context.namespace,
      });
      return withAppliedState(observation, applied?.(folder.path));
    });
  }

  /** Read once per observe call: one Kubernetes request for all of a target's namespaces. */
  private async appliedStates(
    target: GitopsTarget,
    head: string | undefined,
  ): Promise<AppliedStates | undefined> {
    const reader = this.clusters.get(target.name);
    if (!reader) return undefined;
    return readAppliedStates({
      reader,
      gitDir: target.repository.gitDir,
      head,
      root: target.namespacesRoot,
    });
  }

  async preview(request: PreviewRequest): Promise<JsonObject> {
    const target = this.target(request.target);
    const resource = { id: '', ...request.resource };
    const { context, folder, rendered } = target.render(resource, request.spec);
    await target.sync();
    const files = await target.repository.readFiles(await target.head(), [
      folder.path,
      parentKustomizationPath(folder),
    ]);
    assertOurs(filesIn(files, folder.path), folder, context);
    return previewChanges({
      repository: target.cloneUrl(),
      folder,
      files,
      changes: applyChanges(files, folder, rendered),
      namespace: context.namespace,
      cluster: target.config.cluster,
    });
  }

  connectionString(): string {
    throw new NotFoundError(
      'A kubernetes-namespace has no connection string; use its namespace and cluster',
    );
  }

  private target(name: string): GitopsTarget {
    const target = this.targets.get(name);
    if (!target) {
      throw new InputError(
        `target: ${name} is not a gitops target (configured: ${
          this.getTargets().join(', ') || 'none'
        })`,
      );
    }
    return target;
  }

  private deliver(
    target: GitopsTarget,
    request: ApplyRequest | DestroyRequest,
    context: NamespaceContext,
    compute: ComputeChanges,
  ) {
    return deliverChanges({
      target,
      request,
      context,
      compute,
      authors: this.authors,
      baseUrl: this.baseUrl,
      waitingOutputs: url => ({
        ...target.outputs(context, target.folder(context.namespace).path),
        changeRequest: url,
        review: `waiting for review: ${url}`,
      }),
    });
  }
}

function conflicts(check: () => void): boolean {
  try {
    check();
    return false;
  } catch (error) {
    if ((error as Error).name === 'ConflictError') return true;
    throw error;
  }
}
