import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { LocalGitService } from '@paved/plugin-local-git-backend';
import {
  ApplyRequest,
  ApplyResult,
  DestroyRequest,
  ObserveRequest,
  PreviewRequest,
  ProviderOperation,
  ProvisionedResource,
  ResourceObservation,
  ResourceProvider,
} from '@paved/plugin-environments-node';
import { gitopsBaselineRules } from './baselines';
import { AuthorResolver, createAuthorResolver } from './delivery/authors';
import { commitMessage, operationTrailers } from './delivery/commitMessage';
import {
  applyChanges,
  assertOurs,
  destroyChanges,
  filesIn,
  parentKustomizationPath,
} from './delivery/namespaceChanges';
import { previewChanges } from './delivery/previewChanges';
import { GitRepository } from './git/GitRepository';
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

  private constructor(options: GitopsProviderOptions) {
    const { repositories, urls } = options.localGit;
    this.targets = new Map(
      options.targets.map(t => [
        t.name,
        new GitopsTarget(
          t,
          new GitRepository(repositories.gitDir(t.localGit.repository)),
          urls,
        ),
      ]),
    );
    this.authors =
      options.authors ?? createAuthorResolver(async () => undefined);
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
    const done = await this.committedBy(
      target,
      request.resource,
      request.operation,
    );
    if (done) return { outputs: target.outputs(context, folder.path, done) };

    const head = await target.head();
    const files = await target.repository.readFiles(head, [
      folder.path,
      parentKustomizationPath(folder),
    ]);
    assertOurs(filesIn(files, folder.path), folder, context);
    const changes = applyChanges(files, folder, rendered);
    const commit = await this.commitChanges(target, changes, request, {
      verb: head && filesIn(files, folder.path).size ? 'Update' : 'Add',
      context,
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
    const context = target.context(request.resource);
    const folder = target.folder(context.namespace);
    if (await this.committedBy(target, request.resource, request.operation))
      return;
    const files = await target.repository.readFiles(await target.head(), [
      folder.path,
      parentKustomizationPath(folder),
    ]);
    // Another environment's namespace in the same place is not ours to remove.
    if (
      conflicts(() => assertOurs(filesIn(files, folder.path), folder, context))
    )
      return;
    await this.commitChanges(target, destroyChanges(files, folder), request, {
      verb: 'Remove',
      context,
    });
  }

  async observe(request: ObserveRequest): Promise<ResourceObservation[]> {
    const target = this.target(request.target);
    const { head, files } = await target.allFiles();
    return request.resources.map(({ resource, spec }) => {
      const { context, folder, rendered } = target.render(resource, spec);
      return observeNamespace({
        resourceId: resource.id,
        head,
        files,
        folder,
        rendered,
        namespace: context.namespace,
      });
    });
  }

  async preview(request: PreviewRequest): Promise<JsonObject> {
    const target = this.target(request.target);
    const resource = { id: '', ...request.resource };
    const { context, folder, rendered } = target.render(resource, request.spec);
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

  /** The commit an earlier attempt of the same operation made, found by its trailers. */
  private async committedBy(
    target: GitopsTarget,
    resource: ProvisionedResource,
    operation?: ProviderOperation,
  ): Promise<string | undefined> {
    if (!operation) return undefined;
    return target.repository.findCommit(
      target.config.branch,
      operationTrailers(operation, resource),
    );
  }

  private async commitChanges(
    target: GitopsTarget,
    changes: Record<string, string | null>,
    request: ApplyRequest | DestroyRequest,
    what: { verb: 'Add' | 'Update' | 'Remove'; context: NamespaceContext },
  ): Promise<string | undefined> {
    const folder = target.folder(what.context.namespace).path;
    if (!Object.keys(changes).length) {
      return target.repository.lastCommitTouching(target.config.branch, folder);
    }
    const requestedBy = request.operation?.requestedBy ?? 'paved:provider';
    const { commit } = await target.repository.commit({
      branch: target.config.branch,
      changes,
      author: await this.authors(requestedBy),
      message: commitMessage({
        ...what,
        requestedBy,
        operation: request.operation,
        resource: request.resource,
      }),
    });
    return commit;
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
