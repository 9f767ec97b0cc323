import { z } from 'zod';

/**
 * The cluster a target's repository is applied to, and the Flux Kustomization or Argo CD
 * Application that applies it: where the card's applied state is read.
 *
 * @public
 */
export interface KubernetesClusterConfig {
  /**
   * `config`: the API server at `url` with `token` (and `caData` or `skipTLSVerify`).
   * `in-cluster`: the backend's own service account. `kubeconfig`: the backend's default
   * kubeconfig (`KUBECONFIG` or `~/.kube/config`) and its current context.
   */
  loadFrom: 'config' | 'in-cluster' | 'kubeconfig';
  /** The API server, for `loadFrom: config`. */
  url?: string;
  /** A bearer token that may read the Kustomization or Application. */
  token?: string;
  /** The API server's CA certificate, base64 PEM as in a kubeconfig. */
  caData?: string;
  /** Accepts any server certificate; only for a cluster on a laptop. */
  skipTLSVerify?: boolean;
  /** Which one applies the namespaces; without a name, the one whose path covers them. */
  sync: { tool: 'flux' | 'argocd'; namespace: string; name?: string };
}

const objectError =
  (otherwise: string) =>
  (issue: { code?: string; keys?: string[] }): string =>
    issue.code === 'unrecognized_keys'
      ? `has unknown keys ${issue.keys!.join(', ')}`
      : otherwise;

const syncObject = (defaultNamespace: string) =>
  z
    .strictObject(
      {
        namespace: z
          .string({ error: 'must be a namespace name' })
          .min(1, 'must be a namespace name')
          .default(defaultNamespace),
        name: z
          .string({ error: 'must be a name' })
          .min(1, 'must be a name')
          .optional(),
      },
      { error: objectError('must be an object with namespace and name') },
    )
    .optional();

/** `environments.providers.gitops.targets.<name>.kubernetes` in config. */
export const kubernetesConfigSchema = z
  .strictObject(
    {
      loadFrom: z
        .enum(['config', 'in-cluster', 'kubeconfig'], {
          error: 'must be config, in-cluster or kubeconfig',
        })
        .default('config'),
      url: z.url({ error: 'must be a URL' }).optional(),
      token: z.string({ error: 'must be a string' }).optional(),
      caData: z
        .string({ error: 'must be a base64 PEM certificate' })
        .optional(),
      skipTLSVerify: z.boolean({ error: 'must be true or false' }).optional(),
      flux: syncObject('flux-system'),
      argocd: syncObject('argocd'),
    },
    { error: objectError('must be an object') },
  )
  .superRefine((value, ctx) => {
    if (value.loadFrom === 'config' && !value.url)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message:
          'is required (the API server), unless loadFrom is in-cluster or kubeconfig',
      });
    if (value.loadFrom !== 'config') {
      for (const key of ['url', 'token', 'caData', 'skipTLSVerify'] as const) {
        if (value[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `is only read with loadFrom: config (here the ${value.loadFrom} credentials are used)`,
          });
      }
    }
    if (!value.flux === !value.argocd)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'needs one of flux or argocd: the Kustomization or Application that applies the namespaces',
      });
  })
  .transform(
    ({ flux, argocd, ...connection }): KubernetesClusterConfig => ({
      ...connection,
      sync: flux ? { tool: 'flux', ...flux } : { tool: 'argocd', ...argocd! },
    }),
  );
