import { InputError } from '@backstage/errors';
import { describeIssues } from '@paved/plugin-environments-common';
import { z } from 'zod';
import { parseQuantity, QUANTITY_PATTERN } from './quantity';

/** Labels Paved sets itself, which a spec must not override. */
export const RESERVED_LABEL_PREFIXES = ['paved.dev/', 'app.kubernetes.io/'];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_KEY =
  /^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `unknown setting ${issue.keys
            .map(key => JSON.stringify(key))
            .join(', ')} (allowed: ${allowed})`
        : 'must be an object',
  });
}

const quantity = (example: string) =>
  z
    .union([z.string(), z.number().transform(String)], {
      error: `must be a Kubernetes quantity such as ${example}`,
    })
    .pipe(
      z
        .string()
        .regex(
          QUANTITY_PATTERN,
          `must be a Kubernetes quantity such as ${example}`,
        )
        .refine(v => parseQuantity(v) > 0, 'must be more than 0'),
    );

const cpuAndMemory = (cpu: string, memory: string) =>
  strict({
    cpu: quantity('500m or 2')
      .default(cpu)
      .describe('CPU, in cores (`2`) or millicores (`500m`).'),
    memory: quantity('512Mi or 4Gi')
      .default(memory)
      .describe('Memory, in bytes with a suffix (`512Mi`, `4Gi`).'),
  });

/**
 * The spec of a `kubernetes-namespace` resource.
 * @public
 */
export const namespaceSpecSchema = strict({
  namespace: z
    .string({ error: 'must be a namespace name' })
    .regex(
      DNS_LABEL,
      'must be a DNS label: at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit',
    )
    .refine(
      n => n !== 'default' && !n.startsWith('kube-'),
      'must not be default or start with kube- (reserved by Kubernetes)',
    )
    .optional()
    .describe(
      "The namespace's name; default `<component>-<environment>-<resource>`, shortened with a hash past 63 characters.",
    ),
  quota: strict({
    cpu: quantity('500m or 2')
      .default('2')
      .describe('CPU requests of all pods together (`requests.cpu`).'),
    memory: quantity('512Mi or 4Gi')
      .default('4Gi')
      .describe('Memory requests of all pods together (`requests.memory`).'),
    pods: z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10_000, 'must be at most 10000')
      .default(20)
      .describe('How many pods may exist at once.'),
  })
    .prefault({})
    .describe("The namespace's ResourceQuota."),
  containerLimits: strict({
    default: cpuAndMemory('500m', '512Mi')
      .prefault({})
      .describe('The limits of a container that sets none.'),
    defaultRequest: cpuAndMemory('100m', '128Mi')
      .prefault({})
      .describe('The requests of a container that sets none.'),
  })
    .refine(
      l =>
        parseQuantity(l.defaultRequest.cpu) <= parseQuantity(l.default.cpu) &&
        parseQuantity(l.defaultRequest.memory) <=
          parseQuantity(l.default.memory),
      'defaultRequest must not be above default',
    )
    .nullable()
    .prefault({})
    .describe(
      "A LimitRange with containers' default limits and requests; null for none.",
    ),
  networkPolicy: strict({
    defaultDeny: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .describe(
        'Refuse ingress from other namespaces than the allowed ones (a NetworkPolicy).',
      ),
    allowNamespaces: z
      .array(
        z
          .string({ error: 'must be a namespace name' })
          .regex(DNS_LABEL, 'must be a namespace name (a DNS label)'),
        { error: 'must be a list of namespace names' },
      )
      .max(50, 'must name at most 50 namespaces')
      .default([])
      .describe('Namespaces whose pods may reach this one.'),
  })
    .prefault({})
    .describe('Who may reach the pods of the namespace.'),
  ownerRole: z
    .enum(['edit', 'view'], { error: 'must be edit or view' })
    .default('edit')
    .describe("The owner group's role in the namespace (a RoleBinding)."),
  labels: z
    .record(
      z.string(),
      z
        .string({ error: 'must be a string' })
        .regex(LABEL_VALUE, 'must be a Kubernetes label value'),
      {
        error: issue =>
          issue.code === 'invalid_type'
            ? 'must be an object of label names and values'
            : undefined,
      },
    )
    .superRefine((labels, ctx) => {
      for (const key of Object.keys(labels)) {
        const message = !LABEL_KEY.test(key)
          ? 'must be a Kubernetes label name'
          : RESERVED_LABEL_PREFIXES.find(p => key.startsWith(p)) &&
            `must not start with ${RESERVED_LABEL_PREFIXES.join(
              ' or ',
            )} (set by Paved)`;
        if (message) ctx.addIssue({ code: 'custom', path: [key], message });
      }
    })
    .default({})
    .describe('More labels on the Namespace.'),
});

/**
 * A validated spec with its defaults filled in.
 * @public
 */
export type NamespaceSpec = z.output<typeof namespaceSpecSchema>;

/**
 * Checks a requested spec and fills in defaults; the `InputError` names each wrong field as
 * `spec.<field>: <rule>`.
 *
 * @public
 */
export function validateNamespaceSpec(spec: unknown): NamespaceSpec {
  const parsed = namespaceSpecSchema.safeParse(spec ?? {});
  if (!parsed.success) {
    throw new InputError(describeIssues(parsed.error, 'spec'));
  }
  return sortedLabels(parsed.data);
}

/** Labels in name order, so that the stored spec and its rendering do not depend on input order. */
function sortedLabels(spec: NamespaceSpec): NamespaceSpec {
  const labels = Object.fromEntries(
    Object.entries(spec.labels).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return { ...spec, labels };
}

export { DNS_LABEL };
