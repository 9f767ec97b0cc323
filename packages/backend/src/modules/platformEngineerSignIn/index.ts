import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

/** The sign-in provider's id: `auth.providers.platform-engineer` configures it. */
export const PLATFORM_ENGINEER_PROVIDER = 'platform-engineer';

/**
 * A second sign-in for the embedded default, beside the guest: one click signs in as
 * the catalog user `auth.providers.platform-engineer.userEntityRef` (Priya, of the
 * platform team), so one person can play both sides of an approval on a laptop. Like
 * the guest it asks for no password, so it refuses to work outside development.
 */
export const authModulePlatformEngineerSignIn = createBackendModule({
  pluginId: 'auth',
  moduleId: 'platform-engineer-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const providerConfig = config.getOptionalConfig(
          `auth.providers.${PLATFORM_ENGINEER_PROVIDER}`,
        );
        if (!providerConfig) return;
        const userEntityRef = providerConfig.getString('userEntityRef');
        const development = process.env.NODE_ENV === 'development';
        providers.registerProvider({
          providerId: PLATFORM_ENGINEER_PROVIDER,
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate() {
                if (!development) {
                  throw new NotAllowedError(
                    `The ${PLATFORM_ENGINEER_PROVIDER} sign-in asks for no password and works only in development`,
                  );
                }
                return { result: {} };
              },
            }),
            signInResolver: async (_, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: userEntityRef }),
          }),
        });
      },
    });
  },
});
