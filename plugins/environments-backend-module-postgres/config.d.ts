export interface Config {
  environments?: {
    providers?: {
      /** Where `postgres-database` resources are provisioned. */
      postgres?: {
        /**
         * How many databases per target have their installed extensions read on each
         * reconciler pass, for the `postgres.extensions` baseline rule. Extensions live in
         * each database, so each read is a connection and a statement of its own; the
         * window moves on every pass, so every database is read within ceil(n / window)
         * passes while a pass costs at most 1 + window statements per target, however many
         * databases there are. A whole number from 0 (read none) to 1000. Default 20.
         */
        extensionWindow?: number;
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
