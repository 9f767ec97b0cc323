/**
 * A Flux Kustomization or an Argo CD Application as the card needs it: the folder of the
 * repository it applies, the commit it last applied, and its state in words.
 */
export interface SyncSource {
  /** `Flux Kustomization flux-system/namespaces`, `Argo CD Application argocd/namespaces`. */
  label: string;
  /** The folder it applies, relative to the repository's root, without `./` or a slash. */
  path: string;
  /** The full commit the cluster is at; undefined before it has applied anything. */
  appliedRevision?: string;
  /** `Ready`, `Synced, Healthy`, or what is wrong (`not Ready: BuildFailed: …`). */
  state: string;
  /** False while it is failing or progressing: the state is then more than a word. */
  ok: boolean;
}

/** The commit of a Flux revision: `main@sha1:<sha>` (Flux 2.x), or `main/<sha>` (older). */
function commitOf(revision: unknown): string | undefined {
  if (typeof revision !== 'string' || !revision) return undefined;
  const match = /(?:sha1:|\/|^)([0-9a-f]{40})$/.exec(revision);
  return match?.[1];
}

function folderOf(path: unknown): string {
  return String(path ?? '')
    .replace(/^\.?\/+/, '')
    .replace(/^\.$/, '')
    .replace(/\/+$/, '');
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** Flux's `kustomize.toolkit.fluxcd.io/v1` Kustomization. */
export function fluxSource(object: any): SyncSource {
  const label = `Flux Kustomization ${object?.metadata?.namespace}/${object?.metadata?.name}`;
  const status = object?.status ?? {};
  const ready = ((status.conditions ?? []) as Condition[]).find(
    c => c.type === 'Ready',
  );
  const applied = commitOf(status.lastAppliedRevision);
  const attempted = commitOf(status.lastAttemptedRevision);
  const because = (c: Condition) =>
    [c.reason, c.message].filter(Boolean).join(': ');
  let state: string;
  let ok = false;
  if (object?.spec?.suspend) state = 'suspended';
  else if (!ready) state = 'not reconciled yet';
  else if (ready.status === 'True') {
    state = 'Ready';
    ok = true;
  } else if (ready.status === 'Unknown')
    state = `progressing: ${because(ready) || 'reconciliation in progress'}`;
  else
    state = `not Ready${
      attempted && attempted !== applied
        ? ` (attempted ${attempted.slice(0, 12)})`
        : ''
    }: ${because(ready) || 'no reason given'}`;
  return {
    label,
    path: folderOf(object?.spec?.path),
    appliedRevision: applied,
    state,
    ok,
  };
}

/** Argo CD's `argoproj.io/v1alpha1` Application (one `spec.source`). */
export function argoSource(object: any): SyncSource {
  const label = `Argo CD Application ${object?.metadata?.namespace}/${object?.metadata?.name}`;
  const status = object?.status ?? {};
  const sync = status.sync?.status as string | undefined;
  const health = status.health?.status as string | undefined;
  const operation = status.operationState ?? {};
  const history = (status.history ?? []) as Array<{ revision?: string }>;
  // Synced: the cluster matches the revision compared. Otherwise it is at what it last synced.
  const applied =
    sync === 'Synced'
      ? status.sync?.revision
      : history[history.length - 1]?.revision ??
        (operation.phase === 'Succeeded'
          ? operation.syncResult?.revision
          : undefined);
  const problems: string[] = [];
  if (operation.phase === 'Failed' || operation.phase === 'Error')
    problems.push(
      `sync ${operation.phase.toLowerCase()}: ${operation.message}`,
    );
  // A sync under way says what it waits for.
  const progress =
    operation.phase === 'Running' && operation.message
      ? [operation.message as string]
      : [];
  for (const c of (status.conditions ?? []) as Condition[]) {
    if (/Error$/.test(c.type ?? '')) problems.push(`${c.type}: ${c.message}`);
  }
  const words = [sync ?? 'Unknown', health ?? 'Unknown'].join(', ');
  const details = [...problems, ...progress];
  const state = details.length ? `${words}: ${details.join('; ')}` : words;
  return {
    label,
    path: folderOf(object?.spec?.source?.path),
    appliedRevision: commitOf(applied),
    state,
    ok: sync === 'Synced' && health === 'Healthy' && !details.length,
  };
}

/**
 * The source that applies `folder`: the one whose path is the folder or above it, the
 * nearest if several are.
 */
export function sourceFor(
  sources: SyncSource[],
  folder: string,
): SyncSource | undefined {
  return sources
    .filter(
      s =>
        s.path === '' || folder === s.path || folder.startsWith(`${s.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}
