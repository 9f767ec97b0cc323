export interface Config {
  environments?: {
    providers?: {
      /** Where `kubernetes-namespace` resources are committed, for Flux or Argo CD to apply. */
      gitops?: {
        /** Named targets; environment classes refer to them by name. */
        targets?: {
          [name: string]: {
            /**
             * `false` switches the target off, e.g. the embedded one of app-config.yaml in a
             * production config (config files merge, so a target cannot be removed).
             */
            enabled?: boolean;
            /** The cluster that reads the repository: in the path and on the card. Default: the target's name. */
            cluster?: string;
            /**
             * `commit`: each change is one commit on `branch` of a local git host repository
             * (`localGit`), or on `remote`'s `branch`, pushed without force (fetched and
             * retried when someone else pushed meanwhile). `pull-request`: each change is
             * pushed to `paved/<operation>/<resource>` and a pull request (GitHub) or merge request (GitLab) into `branch` is opened
             * on `remote`; the operation finishes when it is merged and fails when it is closed.
             */
            mode?: 'commit' | 'pull-request';
            /** Default `main`. */
            branch?: string;
            /**
             * Where each namespace's folder goes, with `{cluster}` and `{namespace}`; it must
             * end in `/{namespace}`, and the folder above holds the kustomization.yaml that
             * lists them. Default `clusters/{cluster}/namespaces/{namespace}`.
             */
            path?: string;
            /** A repository of the portal's local git host, created at start if missing. */
            localGit?: {
              /** Its name: cloned from `<backend>/api/local-git/<repository>.git`. */
              repository: string;
            };
            /** A GitHub or GitLab repository, with credentials from `integrations.github/gitlab`. */
            remote?: {
              /** Its web URL, e.g. https://github.com/acme/platform-gitops. */
              url: string;
              /** Where git fetches and pushes; default `<url>.git`. */
              cloneUrl?: string;
            };
            /** Pull-request mode: how long a request may wait for review. */
            pullRequest?: {
              /** Past this many days from opening the operation fails. Default 7. */
              waitDays?: number;
              /** How often the request's state is checked. Default 2. */
              checkEveryMinutes?: number;
            };
            /**
             * The cluster the repository is applied to: each reconciler pass reads the Flux
             * Kustomization or Argo CD Application applying the namespaces (one request per
             * target) for the card's applied state. Needs exactly one of `flux` or `argocd`.
             */
            kubernetes?: {
              /**
               * `config` (default): `url` with `token`. `in-cluster`: the backend's service
               * account. `kubeconfig`: the default kubeconfig and its current context.
               */
              loadFrom?: 'config' | 'in-cluster' | 'kubeconfig';
              /** The API server, e.g. https://k8s.example.com:6443. */
              url?: string;
              /**
               * A bearer token allowed to get and list the Kustomizations or Applications.
               * @visibility secret
               */
              token?: string;
              /** The API server's CA certificate, base64 PEM. */
              caData?: string;
              /** Skips the server certificate check. Default false. */
              skipTLSVerify?: boolean;
              /** Flux: the Kustomization; without a name, the one whose path covers the namespaces. */
              flux?: {
                /** Default `flux-system`. */
                namespace?: string;
                name?: string;
              };
              /** Argo CD: the Application; without a name, the one whose path covers the namespaces. */
              argocd?: {
                /** Default `argocd`. */
                namespace?: string;
                name?: string;
              };
            };
          };
        };
      };
    };
  };
}
