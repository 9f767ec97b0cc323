import { parseYaml, toYaml } from './toYaml';

export const KUSTOMIZATION = 'kustomization.yaml';

/** A Kustomization listing `resources`, sorted: what `kustomize build` and Flux read. */
export function renderKustomization(resources: string[]): string {
  return toYaml({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...new Set(resources)].sort(),
  });
}

/** The entries of a kustomization.yaml, or undefined when it is not one. */
export function kustomizationEntries(text: string): string[] | undefined {
  const parsed = parseYaml(text) as { resources?: unknown } | undefined;
  if (!parsed || typeof parsed !== 'object') return undefined;
  const resources = parsed.resources ?? [];
  return Array.isArray(resources) ? resources.map(String) : undefined;
}

/**
 * The parent kustomization with `entry` added or removed. Whatever else a team keeps in it
 * (other entries, patches) stays; a file that is not a kustomization is replaced.
 */
export function updateParentKustomization(
  current: string | undefined,
  entry: string,
  change: 'add' | 'remove',
): string {
  const parsed = current
    ? (parseYaml(current) as Record<string, unknown> | undefined)
    : undefined;
  const base =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? parsed
      : {};
  const entries = kustomizationEntries(current ?? '') ?? [];
  const resources =
    change === 'add'
      ? [...new Set([...entries, entry])].sort()
      : entries.filter(e => e !== entry);
  return toYaml({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    ...base,
    resources,
  });
}
