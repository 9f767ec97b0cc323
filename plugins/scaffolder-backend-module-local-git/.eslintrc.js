module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The action writes into the folder the git host serves, so it runs beside the host
    // and takes the host's repositories from the host's own package.
    '@backstage/no-mixed-plugin-imports': [
      'warn',
      { excludedTargetPackages: ['@paved/plugin-local-git-backend'] },
    ],
  },
});
