import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  environmentCreatePermission,
  environmentDeletePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  resourceSecretReadPermission,
} from '@paved/plugin-environments-common';
import {
  createEnvironmentConditionalDecision,
  environmentConditions,
} from '../../permissions/rules';

/** The people in the tests and the groups they belong to. */
export const people = {
  ada: {
    ref: 'user:default/ada',
    groups: ['group:default/checkout-team'],
  },
  mallory: {
    ref: 'user:default/mallory',
    groups: ['group:default/payments-team'],
  },
  pat: {
    ref: 'user:default/pat',
    groups: ['group:default/platform-team'],
  },
};

/** Who belongs to which group, as the catalog would say through user info. */
export const peopleUserInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref: string = credentials.principal.userEntityRef;
      const person = Object.values(people).find(p => p.ref === ref);
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(person?.groups ?? [])],
      };
    },
  }),
});

/**
 * The portal's rules, as packages/backend states them: everyone reads; an owner group's
 * members change its non-production environments; the platform group changes any.
 */
export const ownersPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'owners-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy({
          async handle(request, user) {
            const { permission } = request;
            if (isPermission(permission, environmentReadPermission)) {
              return { result: AuthorizeResult.ALLOW };
            }
            const write = [
              environmentCreatePermission,
              environmentUpdatePermission,
              environmentDeletePermission,
              resourceSecretReadPermission,
            ].find(p => isPermission(permission, p));
            if (!write) return { result: AuthorizeResult.ALLOW };
            if (!user) return { result: AuthorizeResult.DENY };
            const { ownershipEntityRefs } = await userInfo.getUserInfo(
              user.credentials,
            );
            if (ownershipEntityRefs.includes(people.pat.groups[0])) {
              return { result: AuthorizeResult.ALLOW };
            }
            return createEnvironmentConditionalDecision(write, {
              allOf: [
                environmentConditions.isOwner({ claims: ownershipEntityRefs }),
                {
                  not: environmentConditions.hasTier({ tiers: ['production'] }),
                },
              ],
            });
          },
        });
      },
    });
  },
});
