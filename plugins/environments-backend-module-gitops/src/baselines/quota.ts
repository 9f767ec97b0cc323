import {
  createBaselineRule,
  RuleFinding,
} from '@paved/plugin-environments-node';
import { z } from 'zod';
import { parseQuantity, QUANTITY_PATTERN } from '../quantity';
import { KUBERNETES_NAMESPACE } from '../resourceType';

const quantity = z
  .union([z.string(), z.number().transform(String)])
  .pipe(z.string().regex(QUANTITY_PATTERN, 'must be a Kubernetes quantity'));
const range = <T extends z.ZodType>(value: T) =>
  z.object({ min: value.optional(), max: value }).strict();

const params = z
  .object({
    cpu: range(quantity),
    memory: range(quantity),
    pods: range(z.number().int().min(1)),
  })
  .strict();

type Params = z.output<typeof params>;
type Dimension = keyof Params;
const DIMENSIONS: Dimension[] = ['cpu', 'memory', 'pods'];

const amount = (value: unknown) =>
  typeof value === 'number' ? value : parseQuantity(value);

function describeRange(r: Params[Dimension]): string {
  return r.min === undefined ? `at most ${r.max}` : `${r.min} to ${r.max}`;
}

function outside(
  limits: Params,
  quota: unknown,
  prefix: string,
): RuleFinding[] {
  if (!quota || typeof quota !== 'object') return [];
  const values = quota as Record<string, unknown>;
  return DIMENSIONS.flatMap(dimension => {
    const value = values[dimension];
    if (value === null || value === undefined) {
      return [
        {
          field: `${prefix}.${dimension}`,
          expected: describeRange(limits[dimension]),
          observed: 'not set',
        },
      ];
    }
    const r = limits[dimension];
    const v = amount(value);
    const tooLow = r.min !== undefined && v < amount(r.min);
    return Number.isNaN(v) || tooLow || v > amount(r.max)
      ? [
          {
            field: `${prefix}.${dimension}`,
            expected: describeRange(r),
            observed: String(value),
          },
        ]
      : [];
  });
}

export const quota = createBaselineRule({
  id: 'kubernetes.quota',
  resourceType: KUBERNETES_NAMESPACE,
  params,
  checkSpec: (limits, spec) => outside(limits, spec.quota, 'quota'),
  // A quota raised by hand in the repository is a finding of this rule, not only a diff.
  checkObservation: (limits, _desired, { observed }) =>
    outside(limits, observed.quota, 'quota'),
  restorable: true,
  description: {
    group: 'Kubernetes namespace rules',
    checks:
      "The namespace's ResourceQuota (CPU and memory requests, pods) is within the class's range, as requested and as committed.",
    today: [
      'A request without a quota gets 2 CPUs, 4Gi of memory and 20 pods.',
      'The reconciler reads the quota from the repository, so a hand edit past the range is a finding ([Namespaces](../namespaces.md#quota)).',
    ].join('\n'),
    expected: l =>
      `CPU ${describeRange(l.cpu)}, memory ${describeRange(
        l.memory,
      )}, pods ${describeRange(l.pods)}.`,
  },
});
