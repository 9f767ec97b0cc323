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
            /** `commit` (the only mode so far): each change is a commit on `branch`. */
            mode?: 'commit';
            /** Default `main`. */
            branch?: string;
            /**
             * Where each namespace's folder goes, with `{cluster}` and `{namespace}`; it must
             * end in `/{namespace}`, and the folder above holds the kustomization.yaml that
             * lists them. Default `clusters/{cluster}/namespaces/{namespace}`.
             */
            path?: string;
            /** A repository of the portal's local git host, created at start if missing. */
            localGit: {
              /** Its name: cloned from `<backend>/api/local-git/<repository>.git`. */
              repository: string;
            };
          };
        };
      };
    };
  };
}
