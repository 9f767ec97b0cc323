export interface Config {
  /** Settings of the Paved portal itself (not of the Paved plugins). */
  paved?: {
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
