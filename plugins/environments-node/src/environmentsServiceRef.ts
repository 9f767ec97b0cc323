import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  EnvironmentsApi,
  EnvironmentsClient,
} from '@paved/plugin-environments-common';

/**
 * The environments service, for other backend plugins and modules: a scaffolder action,
 * a chat bot or an approval flow reads and changes environments as the user it acts for.
 *
 * @public
 */
export interface EnvironmentsService {
  /**
   * The environments API acting as `credentials`: the environments backend authorizes
   * every call as that caller, with the same permission rules as the REST API. Ask again
   * for each piece of work; the token behind it lasts about an hour.
   */
  forCaller(credentials: BackstageCredentials): Promise<EnvironmentsApi>;
}

/** Calls the environments backend over HTTP with a token on behalf of the caller. */
class DefaultEnvironmentsService implements EnvironmentsService {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  async forCaller(credentials: BackstageCredentials): Promise<EnvironmentsApi> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'environments',
    });
    return new EnvironmentsClient({
      discoveryApi: this.deps.discovery,
      fetchApi: {
        fetch: (input, init) => {
          const headers = new Headers(init?.headers);
          if (!headers.has('authorization'))
            headers.set('authorization', `Bearer ${token}`);
          return fetch(input, { ...init, headers });
        },
      },
    });
  }
}

/**
 * Where a backend plugin or module gets the {@link EnvironmentsService}. Replace its
 * factory to reach the environments backend another way (another transport, a fixed
 * service identity).
 *
 * @public
 */
export const environmentsServiceRef = createServiceRef<EnvironmentsService>({
  id: 'environments.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      factory: deps => new DefaultEnvironmentsService(deps),
    }),
});
