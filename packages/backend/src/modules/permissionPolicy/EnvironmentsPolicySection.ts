import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createEnvironmentConditionalDecision,
  environmentConditions,
} from '@paved/plugin-environments-backend';
import {
  environmentCreatePermission,
  environmentDeletePermission,
  environmentExceptionApprovePermission,
  environmentReadPermission,
  environmentRequestApprovePermission,
  environmentUpdatePermission,
  goalSnapshotPermission,
  resourceSecretReadPermission,
} from '@paved/plugin-environments-common';
import { PolicySection } from './PavedPermissionPolicy';

/**
 * The portal's rules for environments: everyone may see them; the owner group creates,
 * extends and destroys its non-production environments and reveals their secrets; the
 * platform group may do all of that for production too, decides requests and records
 * goal snapshots on demand; owners may ask for production where its class holds the
 * request for approval.
 */
export class EnvironmentsPolicySection implements PolicySection {
  constructor(
    private readonly options: {
      userInfo: UserInfoService;
      /** e.g. `group:default/platform-team` */
      platformGroup?: string;
    },
  ) {}

  async decide(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision | undefined> {
    const { permission } = request;
    if (isPermission(permission, environmentReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const platformOnly = [
      environmentRequestApprovePermission,
      environmentExceptionApprovePermission,
      goalSnapshotPermission,
    ];
    if (platformOnly.some(p => isPermission(permission, p))) {
      // The backend also checks membership of each request's own approver group.
      return (await this.isPlatform(user))
        ? { result: AuthorizeResult.ALLOW }
        : { result: AuthorizeResult.DENY };
    }
    const writes = [
      environmentCreatePermission,
      environmentUpdatePermission,
      environmentDeletePermission,
      resourceSecretReadPermission,
    ];
    const write = writes.find(p => isPermission(permission, p));
    if (!write || !isPermission(permission, write)) {
      return undefined;
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    if (
      this.options.platformGroup &&
      ownershipEntityRefs.includes(this.options.platformGroup)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    return createEnvironmentConditionalDecision(write, {
      allOf: [
        environmentConditions.isOwner({ claims: ownershipEntityRefs }),
        {
          anyOf: [
            { not: environmentConditions.hasTier({ tiers: ['production'] }) },
            // A production request its class holds for the platform group's approval.
            environmentConditions.awaitsApproval(),
          ],
        },
      ],
    });
  }

  private async isPlatform(user?: PolicyQueryUser): Promise<boolean> {
    if (!user || !this.options.platformGroup) return false;
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.includes(this.options.platformGroup);
  }
}
