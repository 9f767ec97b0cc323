import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The mock httpAuth of `@backstage/backend-test-utils` 1.11 reads a plugin's
 * on-behalf-of token as a plain user, without the `actor` that real Backstage tokens
 * carry; the permission backend then treats the plugin's call as a direct user request
 * and refuses conditional checks. This factory adds the actor, as real auth does, so
 * tests can run the real permission backend behind a plugin.
 */
export const onBehalfOfHttpAuthServiceFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      async credentials(req: any, options?: any) {
        const credentials = (await inner.credentials(req, options)) as BackstageCredentials;
        const token = /^Bearer (.*)$/.exec(req.headers?.authorization ?? '')?.[1];
        if (token?.startsWith(MOCK_SERVICE_TOKEN_PREFIX)) {
          const { obo } = JSON.parse(token.slice(MOCK_SERVICE_TOKEN_PREFIX.length));
          if (obo) {
            return mockCredentials.user(obo, { actor: { subject: 'plugin' } }) as any;
          }
        }
        return credentials as any;
      },
      issueUserCookie: (res: any, options?: any) => inner.issueUserCookie(res, options),
    };
  },
});
