import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { localGitServiceRef } from '@paved/plugin-local-git-backend';
import { createPavedGitPublishAction } from './actions/publish';

/**
 * The `paved:git:publish` scaffolder action, publishing into the repositories that
 * `@paved/plugin-local-git-backend` serves.
 *
 * @public
 */
export const scaffolderModuleLocalGit = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'local-git',
  register(reg) {
    reg.registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        localGit: localGitServiceRef,
      },
      async init({ actions, localGit }) {
        actions.addActions(createPavedGitPublishAction(localGit));
      },
    });
  },
});
