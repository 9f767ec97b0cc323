/**
 * What a namespace's manifests say besides its spec: whose it is and where it goes.
 * @public
 */
export interface NamespaceContext {
  /** The cluster the target delivers to, as in the path template. */
  cluster: string;
  /** The namespace's name: `<environment>-<resource>`. */
  namespace: string;
  environment: string;
  /** The component or system the environment belongs to. */
  entityRef: string;
  /** The owner group, `group:<namespace>/<name>`. */
  owner: string;
  tier?: string;
  /** ISO timestamp, for ephemeral environments. */
  expiresAt?: string;
}
