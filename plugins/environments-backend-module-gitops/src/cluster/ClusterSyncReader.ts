import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { KubernetesClusterConfig } from './kubernetesConfig';
import { argoSource, fluxSource, SyncSource } from './syncSources';

/** A pass must not wait on a cluster that does not answer. */
const TIMEOUT_MS = 10_000;

const KINDS = {
  flux: {
    group: 'kustomize.toolkit.fluxcd.io',
    version: 'v1',
    plural: 'kustomizations',
    label: 'Flux Kustomization',
    toSource: fluxSource,
  },
  argocd: {
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'applications',
    label: 'Argo CD Application',
    toSource: argoSource,
  },
};

/** Why a cluster's sync state could not be read, in words for the card. */
export class ClusterReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterReadError';
  }
}

/**
 * Reads the Flux Kustomization or Argo CD Application that applies a target's
 * repository: one request per call, the named object or, without a name, the list of
 * them in the namespace, so the caller picks the one whose path covers each namespace.
 */
export class ClusterSyncReader {
  private constructor(
    private readonly config: KubernetesClusterConfig,
    private readonly api: CustomObjectsApi,
    /** Where the requests go, for the error messages. */
    readonly server: string,
  ) {}

  static fromConfig(config: KubernetesClusterConfig): ClusterSyncReader {
    const kubeConfig = new KubeConfig();
    if (config.loadFrom === 'in-cluster') kubeConfig.loadFromCluster();
    else if (config.loadFrom === 'kubeconfig') kubeConfig.loadFromDefault();
    else
      kubeConfig.loadFromClusterAndUser(
        {
          name: 'paved',
          server: config.url!.replace(/\/+$/, ''),
          caData: config.caData,
          skipTLSVerify: config.skipTLSVerify ?? false,
        },
        { name: 'paved', token: config.token },
      );
    return new ClusterSyncReader(
      config,
      kubeConfig.makeApiClient(CustomObjectsApi),
      kubeConfig.getCurrentCluster()?.server ?? 'no server',
    );
  }

  /** What is being read, e.g. `Flux Kustomization flux-system/namespaces`. */
  get subject(): string {
    const { tool, namespace, name } = this.config.sync;
    return `${KINDS[tool].label} ${namespace}/${name ?? '*'}`;
  }

  /** Throws a `ClusterReadError` saying what went wrong. */
  async read(): Promise<SyncSource[]> {
    const { tool, namespace, name } = this.config.sync;
    const { group, version, plural, toSource } = KINDS[tool];
    const request = name
      ? this.api
          .getNamespacedCustomObject({
            group,
            version,
            namespace,
            plural,
            name,
          })
          .then(object => [object])
      : this.api
          .listNamespacedCustomObject({ group, version, namespace, plural })
          .then(list => (list?.items ?? []) as unknown[]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ClusterReadError(
              `${this.server} did not answer within ${TIMEOUT_MS / 1000} s`,
            ),
          ),
        TIMEOUT_MS,
      );
    });
    try {
      const objects = await Promise.race([request, timeout]);
      return objects.map(toSource);
    } catch (error) {
      throw new ClusterReadError(this.explain(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private explain(error: unknown): string {
    if (error instanceof ClusterReadError) return error.message;
    if (error instanceof ApiException) {
      const status = statusOf(error.body);
      if (error.code === 404)
        return `${this.subject} not found on ${this.server}${
          status ? ` (${status})` : ''
        }`;
      if (error.code === 401 || error.code === 403)
        return `${this.server} refused to read ${this.subject} (${error.code}${
          status ? `: ${status}` : ''
        }); check the token and its RBAC`;
      return `${this.server} answered ${error.code} reading ${this.subject}${
        status ? `: ${status}` : ''
      }`;
    }
    return `cannot reach ${this.server}: ${
      (error as Error)?.message ?? String(error)
    }`;
  }
}

/** The message of a Kubernetes `Status` body, as a string or parsed. */
function statusOf(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim() || undefined;
    }
  }
  const message = (parsed as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}
