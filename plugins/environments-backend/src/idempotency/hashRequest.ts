import crypto from 'node:crypto';

/** The same request, whatever the order of its keys, hashes the same. */
export function hashRequest(request: unknown): string {
  return crypto
    .createHash('sha256')
    .update(stableStringify(request))
    .digest('hex');
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${stableStringify((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
