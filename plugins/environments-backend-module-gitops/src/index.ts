/**
 * The Paved environments provider for Kubernetes namespaces through GitOps: each
 * `kubernetes-namespace` resource is rendered as manifests and committed to a git
 * repository that Flux or Argo CD applies.
 *
 * @packageDocumentation
 */
export { environmentsModuleGitops as default } from './module';
export { GitopsProvider, type GitopsProviderOptions } from './GitopsProvider';
export {
  readGitopsTargets,
  type GitopsTargetConfig,
} from './readGitopsTargets';
export { type KubernetesClusterConfig } from './cluster/kubernetesConfig';
export {
  namespaceSpecSchema,
  validateNamespaceSpec,
  type NamespaceSpec,
} from './spec';
export { gitopsBaselineRules } from './baselines';
export { type NamespaceContext } from './render/NamespaceContext';
export {
  renderNamespace,
  type RenderedNamespace,
} from './render/renderNamespace';
export { type GitAuthor } from './git/GitRepository';
export { createAuthorResolver, type AuthorResolver } from './delivery/authors';
