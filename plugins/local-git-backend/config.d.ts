export interface Config {
  /** Git repositories hosted by the backend itself (`@paved/plugin-local-git-backend`). */
  localGit?: {
    /**
     * The folder that holds the bare repositories, relative to the backend's working
     * directory. Defaults to `.local-git`.
     */
    directory?: string;
  };
}
