export interface Config {
  /** Settings of the Paved portal itself (not of the Paved plugins). */
  paved?: {
    permissions?: {
      /**
       * The group whose members may create and destroy production environments, e.g.
       * `group:default/platform-team`. Without it nobody may.
       */
      platformGroup?: string;
    };
    techdocs?: {
      /**
       * Build every catalog entity's TechDocs shortly after the backend starts and every
       * ten minutes after. Meant for the embedded default, where docs are built locally;
       * installations that publish docs from CI leave it off.
       */
      prebuild?: boolean;
    };
  };
}
