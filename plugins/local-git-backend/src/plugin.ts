import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { localGitServiceRef } from './localGitServiceRef';
import { createRouter } from './router';

/**
 * Serves the hosted repositories under `/api/local-git`, read-only and without
 * credentials, as a public git host would.
 *
 * @public
 */
export const localGitPlugin = createBackendPlugin({
  pluginId: 'local-git',
  register(env) {
    env.registerInit({
      deps: {
        localGit: localGitServiceRef,
        httpRouter: coreServices.httpRouter,
      },
      async init({ localGit, httpRouter }) {
        httpRouter.use(createRouter(localGit));
        // `git clone` and the readers of other tools carry no Backstage token.
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
