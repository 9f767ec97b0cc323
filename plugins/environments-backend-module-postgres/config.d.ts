export interface Config {
  environments?: {
    providers?: {
      /** Where `postgres-database` resources are provisioned. */
      postgres?: {
        /**
         * Named target servers; environment classes refer to them by name. Each target is
         * either `embedded` or an existing server (`host`, `user`, …), never both.
         */
        targets?: {
          [name: string]: {
            /**
             * `false` switches the target off, e.g. the embedded one of app-config.yaml in a
             * production config (config files merge, so a target cannot be removed).
             */
            enabled?: boolean;
            /**
             * Run a PostgreSQL server with the backend (laptops, demos). It listens on
             * localhost only; one backend process per data directory.
             */
            embedded?: {
              /**
               * Where its data lives, relative to the backend's working directory. Its admin
               * password is kept beside it, in `<dataDirectory>.password` (mode 0600).
               */
              dataDirectory: string;
              /** The port it listens on (localhost only). Default 5433. */
              port?: number;
            };
            /** An existing server: the host the backend connects to and users are given. */
            host?: string;
            /** Default 5432. */
            port?: number;
            /** A role with CREATEDB and CREATEROLE (not SUPERUSER). */
            user?: string;
            /** @visibility secret */
            password?: string;
            /** The database the provisioner connects to (default `postgres`). */
            database?: string;
          };
        };
      };
    };
  };
}
