module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The embedded default commits into the folder the local git host serves, so the
    // provider takes the host's repositories and URLs from the host's own package; and the
    // end-to-end test runs the environments backend this module extends.
    '@backstage/no-mixed-plugin-imports': [
      'warn',
      {
        excludedTargetPackages: [
          '@paved/plugin-local-git-backend',
          '@paved/plugin-environments-backend',
        ],
      },
    ],
  },
});
