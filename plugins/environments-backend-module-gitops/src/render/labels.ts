import { NamespaceContext } from './NamespaceContext';

export const LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  environment: 'paved.dev/environment',
  owner: 'paved.dev/owner',
  tier: 'paved.dev/tier',
  expires: 'paved.dev/expires',
} as const;

export const ANNOTATIONS = {
  owner: 'paved.dev/owner',
  entity: 'paved.dev/entity',
  expiresAt: 'paved.dev/expires-at',
} as const;

/** The name part of an entity ref: `group:default/team-a` → `team-a`. */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1).replace(/^[^:]*:/, '');
}

/**
 * A label value holds no `:`, so the expiry is `20261120T153000Z` there (selectable and
 * sortable) and the ISO timestamp in an annotation.
 */
export function compactTimestamp(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** The labels of every object Paved renders for the namespace. */
export function commonLabels(
  context: NamespaceContext,
): Record<string, string> {
  return {
    [LABELS.managedBy]: 'paved',
    [LABELS.environment]: context.environment,
    [LABELS.owner]: refName(context.owner),
    ...(context.tier && { [LABELS.tier]: context.tier }),
    ...(context.expiresAt && {
      [LABELS.expires]: compactTimestamp(context.expiresAt),
    }),
  };
}

export function commonAnnotations(
  context: NamespaceContext,
): Record<string, string> {
  return {
    [ANNOTATIONS.owner]: context.owner,
    [ANNOTATIONS.entity]: context.entityRef,
    ...(context.expiresAt && { [ANNOTATIONS.expiresAt]: context.expiresAt }),
  };
}
