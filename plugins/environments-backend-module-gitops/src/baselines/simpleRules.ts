import { createBaselineRule } from '@paved/plugin-environments-node';
import { z } from 'zod';
import { KUBERNETES_NAMESPACE } from '../resourceType';

const GROUP = 'Kubernetes namespace rules';
const none = z.object({}).strict();

export const containerLimits = createBaselineRule({
  id: 'kubernetes.container-limits',
  resourceType: KUBERNETES_NAMESPACE,
  params: none,
  checkSpec: (_, spec) =>
    spec.containerLimits === null
      ? [
          {
            field: 'containerLimits',
            expected: 'default limits and requests',
            observed: 'none',
          },
        ]
      : [],
  checkObservation: (_, _desired, { observed }) =>
    observed.containerLimits === false
      ? [
          {
            field: 'containerLimits',
            expected: 'a LimitRange with default CPU and memory limits',
            observed: 'none',
          },
        ]
      : [],
  restorable: true,
  description: {
    group: GROUP,
    checks:
      'Containers that set no limits get default CPU and memory limits (a LimitRange).',
    today:
      'A request gets 500m CPU and 512Mi memory limits unless it sets `containerLimits` (or `null` for none).',
    expected: () => 'A LimitRange with default container limits.',
  },
});

export const defaultDeny = createBaselineRule({
  id: 'kubernetes.default-deny',
  resourceType: KUBERNETES_NAMESPACE,
  params: none,
  checkSpec: (_, spec) =>
    (spec.networkPolicy as { defaultDeny?: boolean } | undefined)
      ?.defaultDeny === false
      ? [
          {
            field: 'networkPolicy.defaultDeny',
            expected: 'true',
            observed: 'false',
          },
        ]
      : [],
  checkObservation: (_, _desired, { observed }) =>
    observed.defaultDeny === false
      ? [
          {
            field: 'networkPolicy',
            expected: 'a default-deny NetworkPolicy',
            observed: 'none',
          },
        ]
      : [],
  restorable: true,
  description: {
    group: GROUP,
    checks:
      'Ingress from other namespaces is denied unless allowed by name (a default-deny NetworkPolicy).',
    today:
      'Requests deny by default; `networkPolicy.allowNamespaces` names the namespaces that may reach the pods.',
    expected: () => 'A default-deny NetworkPolicy in every namespace.',
  },
});

export const noClusterAdmin = createBaselineRule({
  id: 'kubernetes.no-cluster-admin',
  resourceType: KUBERNETES_NAMESPACE,
  params: none,
  checkObservation: (_, _desired, { observed }) =>
    Array.isArray(observed.roles) && observed.roles.includes('cluster-admin')
      ? [
          {
            field: 'roles',
            expected: 'no binding to cluster-admin',
            observed: 'cluster-admin',
          },
        ]
      : [],
  restorable: true,
  description: {
    group: GROUP,
    checks: "Nothing in the namespace's folder binds the cluster-admin role.",
    today:
      'The owner group is bound to `edit` or `view` only; a binding added by hand is a finding.',
    expected: () => 'No RoleBinding or ClusterRoleBinding to cluster-admin.',
  },
});

export const ownerLabel = createBaselineRule({
  id: 'kubernetes.owner-label',
  resourceType: KUBERNETES_NAMESPACE,
  params: none,
  checkObservation: (_, _desired, { observed }) =>
    observed.ownerLabel === null
      ? [
          {
            field: 'labels.paved.dev/owner',
            expected: 'the owner group',
            observed: 'not set',
          },
        ]
      : [],
  restorable: true,
  description: {
    group: GROUP,
    checks:
      'The Namespace carries its owner group in the `paved.dev/owner` label.',
    today:
      'Paved sets the label; a spec cannot override labels under `paved.dev/`.',
    expected: () => 'A `paved.dev/owner` label on every Namespace.',
  },
});

export const namespaceNamePattern = createBaselineRule({
  id: 'kubernetes.namespace-name',
  resourceType: KUBERNETES_NAMESPACE,
  params: z
    .object({
      pattern: z.string().refine(p => {
        try {
          return RegExp(p) instanceof RegExp;
        } catch {
          return false;
        }
      }, 'must be a regular expression'),
    })
    .strict(),
  checkObservation: ({ pattern }, _desired, { observed }) =>
    typeof observed.namespace === 'string' &&
    !new RegExp(pattern).test(observed.namespace)
      ? [
          {
            field: 'namespace',
            expected: `matching ${pattern}`,
            observed: observed.namespace,
          },
        ]
      : [],
  // The name comes from the component's, environment's and resource's names, or the spec.
  restorable: false,
  description: {
    group: GROUP,
    checks:
      "The namespace's name (`<component>-<environment>-<resource>`, or the spec's `namespace`) follows the class's pattern.",
    today: 'Names are DNS labels of at most 63 characters.',
    expected: p => `A namespace name matching \`${p.pattern}\`.`,
  },
});
