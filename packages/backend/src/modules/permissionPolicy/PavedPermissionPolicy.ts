import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * One area of the portal's policy (say, environments). It answers the requests it knows
 * and returns undefined for the rest, so areas can be added without touching each other.
 */
export interface PolicySection {
  decide(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision | undefined>;
}

/**
 * The portal's permission policy: asks each section in turn and allows whatever no
 * section has an opinion on, which is Backstage's allow-all default for plugins we do
 * not restrict.
 */
export class PavedPermissionPolicy implements PermissionPolicy {
  constructor(private readonly sections: PolicySection[] = []) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    for (const section of this.sections) {
      const decision = await section.decide(request, user);
      if (decision) {
        return decision;
      }
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
