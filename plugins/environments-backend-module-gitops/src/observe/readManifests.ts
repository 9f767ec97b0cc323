import { JsonObject } from '@backstage/types';
import { parseAllDocuments } from 'yaml';
import { LABELS } from '../render/labels';

/** Every object in the folder's YAML files, hand-added ones included. */
export function readObjects(
  files: ReadonlyMap<string, string>,
  parse: (text: string) => unknown[] = parseObjects,
): any[] {
  const objects: any[] = [];
  for (const [name, text] of files) {
    if (/\.ya?ml$/.test(name)) objects.push(...parse(text));
  }
  return objects;
}

/** The objects of one YAML file's documents; documents that do not parse are left out. */
export function parseObjects(text: string): unknown[] {
  const objects: unknown[] = [];
  for (const document of parseAllDocuments(text)) {
    if ('errors' in document && document.errors.length) continue;
    const value = document.toJS();
    if (value && typeof value === 'object') objects.push(value);
  }
  return objects;
}

/**
 * What the folder's manifests actually set, in the spec's terms, for the baseline rules:
 * the quota, whether containers get default limits, whether ingress is denied by default,
 * the roles bound, and the owner label.
 */
export function summarize(objects: any[]): JsonObject {
  const ofKind = (kind: string) => objects.filter(o => o?.kind === kind);
  const hard = ofKind('ResourceQuota')[0]?.spec?.hard ?? {};
  const limits = ofKind('LimitRange')
    .flatMap(l => l?.spec?.limits ?? [])
    .find((l: any) => l?.type === 'Container');
  const denies = ofKind('NetworkPolicy').some(
    p =>
      p?.spec?.podSelector &&
      Object.keys(p.spec.podSelector).length === 0 &&
      (p.spec.policyTypes ?? []).includes('Ingress'),
  );
  const roles = [...ofKind('RoleBinding'), ...ofKind('ClusterRoleBinding')]
    .map(b => b?.roleRef?.name)
    .filter((n): n is string => typeof n === 'string')
    .sort();
  const namespace = ofKind('Namespace')[0];
  const text = (value: unknown) =>
    value === undefined || value === null ? null : String(value);
  return {
    quota: {
      cpu: text(hard['requests.cpu'] ?? hard.cpu),
      memory: text(hard['requests.memory'] ?? hard.memory),
      pods: hard.pods === undefined ? null : Number(hard.pods),
    },
    containerLimits: Boolean(limits?.default?.cpu && limits?.default?.memory),
    defaultDeny: denies,
    roles,
    ownerLabel: text(namespace?.metadata?.labels?.[LABELS.owner]),
  };
}
