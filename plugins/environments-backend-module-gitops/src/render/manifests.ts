import { NamespaceSpec } from '../spec';
import { commonAnnotations, commonLabels, refName } from './labels';
import { NamespaceContext } from './NamespaceContext';

/** A manifest as the API server takes it. */
export type Manifest = { apiVersion: string; kind: string } & Record<
  string,
  unknown
>;

/** The file each kind of manifest is written to, in the namespace's folder. */
export const MANIFEST_FILES = {
  Namespace: 'namespace.yaml',
  ResourceQuota: 'resourcequota.yaml',
  LimitRange: 'limitrange.yaml',
  NetworkPolicy: 'networkpolicy.yaml',
  RoleBinding: 'rolebinding.yaml',
} as const;

/**
 * The namespace's manifests by file name: Namespace, ResourceQuota, LimitRange (unless the
 * spec has no container limits), NetworkPolicy (when it denies by default) and the owner
 * group's RoleBinding, each labelled with the environment, owner, tier and expiry.
 */
export function namespaceManifests(
  spec: NamespaceSpec,
  context: NamespaceContext,
): Record<string, Manifest> {
  const labels = commonLabels(context);
  const annotations = commonAnnotations(context);
  const metadata = (name: string) => ({
    name,
    namespace: context.namespace,
    labels,
    annotations,
  });
  const manifests: Record<string, Manifest> = {
    [MANIFEST_FILES.Namespace]: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: context.namespace,
        labels: { ...spec.labels, ...labels },
        annotations,
      },
    },
    [MANIFEST_FILES.ResourceQuota]: {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: metadata('quota'),
      spec: {
        hard: {
          'requests.cpu': spec.quota.cpu,
          'requests.memory': spec.quota.memory,
          pods: String(spec.quota.pods),
        },
      },
    },
    [MANIFEST_FILES.RoleBinding]: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: metadata(`owner-${spec.ownerRole}`),
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: spec.ownerRole,
      },
      subjects: [
        {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Group',
          name: refName(context.owner),
        },
      ],
    },
  };
  if (spec.containerLimits) {
    manifests[MANIFEST_FILES.LimitRange] = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: metadata('container-defaults'),
      spec: {
        limits: [
          {
            type: 'Container',
            default: spec.containerLimits.default,
            defaultRequest: spec.containerLimits.defaultRequest,
          },
        ],
      },
    };
  }
  if (spec.networkPolicy.defaultDeny) {
    const from = [context.namespace, ...spec.networkPolicy.allowNamespaces];
    manifests[MANIFEST_FILES.NetworkPolicy] = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('default-deny'),
      spec: {
        // Every pod; ingress only, so pods still reach DNS and each other's services.
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [...new Set(from)].sort().map(name => ({
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': name },
              },
            })),
          },
        ],
      },
    };
  }
  return manifests;
}
