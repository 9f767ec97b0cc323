/*
 * The Paved portal's backend: Backstage's own plugins plus the Paved suite, on the new
 * backend system. Configuration decides where it runs: app-config.yaml is the embedded
 * default (SQLite, guest sign-in, example data), app-config.production.yaml adds PostgreSQL.
 */
import { createBackend } from '@backstage/backend-defaults';
import { validatedRootConfigServiceFactory } from './config/validatedRootConfigServiceFactory';
import { permissionModulePavedPolicy } from './modules/permissionPolicy';
import { authModulePlatformEngineerSignIn } from './modules/platformEngineerSignIn';
import { techdocsModulePrebuild } from './modules/techdocsPrebuild';

const backend = createBackend();

// Invalid app-config stops the backend with the key and the rule.
backend.add(validatedRootConfigServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
// The events bus carries catalog and signal events between plugins and replicas.
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// A second one-click sign-in, as a platform engineer, to approve what the guest asks for.
backend.add(authModulePlatformEngineerSignIn);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModulePavedPolicy);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(techdocsModulePrebuild);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// Registered actions (the environments actions among them) as MCP tools for AI assistants,
// at /api/mcp-actions/v1, run as the signed-in user.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));

// Paved: environments, provisioned through resource providers.
backend.add(import('@paved/plugin-environments-backend'));
backend.add(import('@paved/plugin-environments-backend-module-postgres'));
// Kubernetes namespaces as manifests committed to platform-gitops on the local git host.
backend.add(import('@paved/plugin-environments-backend-module-gitops'));
backend.add(import('@paved/plugin-scaffolder-backend-module-environments'));
// Git repositories hosted by the backend, for templates on a portal without GitHub/GitLab,
// and the paved:git:publish action that creates them.
backend.add(import('@paved/plugin-local-git-backend'));
backend.add(import('@paved/plugin-scaffolder-backend-module-local-git'));
// Environments and their resources as catalog entities, and the Environment kind.
backend.add(import('@paved/plugin-catalog-backend-module-environments'));

backend.start();
