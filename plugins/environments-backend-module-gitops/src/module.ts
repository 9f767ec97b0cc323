import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { environmentsProvidersExtensionPoint } from '@paved/plugin-environments-node';
import { ScmIntegrations } from '@backstage/integration';
import { localGitServiceRef } from '@paved/plugin-local-git-backend';
import { createAuthorResolver } from './delivery/authors';
import { GitopsProvider } from './GitopsProvider';
import { readGitopsTargets } from './readGitopsTargets';

/**
 * Installs the `gitops` provider of `kubernetes-namespace` resources, with the targets
 * from `environments.providers.gitops.targets`; each target's repository on the local git
 * host is created at start if missing.
 *
 * @public
 */
export const environmentsModuleGitops = createBackendModule({
  pluginId: 'environments',
  moduleId: 'gitops',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: environmentsProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        localGit: localGitServiceRef,
      },
      async init({ providers, config, logger, auth, catalog, localGit }) {
        const provider = await GitopsProvider.create({
          targets: readGitopsTargets(config),
          localGit,
          logger,
          integrations: ScmIntegrations.fromConfig(config),
          baseUrl: config.getOptionalString('app.baseUrl'),
          authors: createAuthorResolver(async ref => {
            const entity = await catalog.getEntityByRef(ref, {
              credentials: await auth.getOwnServiceCredentials(),
            });
            return (entity?.spec as any)?.profile;
          }),
        });
        providers.addProvider(provider);
      },
    });
  },
});
