/**
 * Kubernetes resource quantities (`500m`, `2`, `4Gi`, `1e3`): what a spec accepts and
 * what baseline rules compare, so `4096Mi` and `4Gi` are the same amount.
 */
export const QUANTITY_PATTERN =
  /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|e[0-9]+)?$/;

const FACTORS: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The amount a quantity stands for; NaN for anything that is not one. */
export function parseQuantity(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return NaN;
  const match = QUANTITY_PATTERN.exec(text);
  if (!match) return NaN;
  const [, number, suffix = ''] = match;
  const factor = suffix.startsWith('e')
    ? 10 ** Number(suffix.slice(1))
    : FACTORS[suffix];
  return Number(number) * factor;
}
