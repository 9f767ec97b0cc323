import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import { environmentReadPermission } from '@paved/plugin-environments-common';
import { matchesConditions } from '../permissions/matchesConditions';
import {
  EnvironmentFilter,
  EnvironmentPermissionResource,
} from '../permissions/rules';

/** What the caller may read: nothing, everything, or what a filter lets through. */
export type ReadScope =
  | { denied: true }
  | { denied: false; filter?: PermissionCriteria<EnvironmentFilter> };

/** Permission decisions as the caller, for stored environments and ones about to be. */
export class EnvironmentAuthorizer {
  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      ruleset: PermissionRuleset<
        EnvironmentPermissionResource,
        EnvironmentFilter
      >;
    },
  ) {}

  /** For lists: a conditional decision becomes a filter the store applies in SQL. */
  async readScope(credentials: BackstageCredentials): Promise<ReadScope> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: environmentReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) return { denied: true };
    return {
      denied: false,
      filter:
        decision.result === AuthorizeResult.CONDITIONAL
          ? this.toFilter(decision.conditions)
          : undefined,
    };
  }

  async isAllowed(
    permission: ResourcePermission,
    environmentId: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: environmentId }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** For a permission about no one environment, such as deciding requests. */
  async isAllowedBasic(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  async requireAllowed(
    permission: ResourcePermission,
    environmentId: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.isAllowed(permission, environmentId, credentials))) {
      throw new NotAllowedError(
        `You are not allowed to do this to environment ${environmentId} (permission ${permission.name})`,
      );
    }
  }

  /** For a request about an environment that is not stored yet (create). */
  async requireAllowedCandidate(
    permission: ResourcePermission,
    candidate: EnvironmentPermissionResource,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    const allowed =
      decision.result === AuthorizeResult.ALLOW ||
      (decision.result === AuthorizeResult.CONDITIONAL &&
        matchesConditions(decision.conditions, candidate, this.deps.ruleset));
    if (!allowed) {
      throw new NotAllowedError(
        `You may not create a ${candidate.tier} environment owned by ${candidate.owner} (permission ${permission.name})`,
      );
    }
  }

  private toFilter(conditions: Parameters<typeof matchesConditions>[0]) {
    return mapCriteria(conditions, condition => {
      const rule = this.deps.ruleset.getRuleByName(condition.rule);
      return rule.toQuery((condition.params ?? {}) as any);
    });
  }
}

function mapCriteria<A, B>(
  criteria: PermissionCriteria<A>,
  fn: (leaf: A) => PermissionCriteria<B>,
): PermissionCriteria<B> {
  if (typeof criteria === 'object' && criteria !== null) {
    // map keeps the length, so the criteria stay non-empty.
    type Some = [PermissionCriteria<B>, ...PermissionCriteria<B>[]];
    if ('allOf' in criteria)
      return { allOf: criteria.allOf.map(c => mapCriteria(c, fn)) as Some };
    if ('anyOf' in criteria)
      return { anyOf: criteria.anyOf.map(c => mapCriteria(c, fn)) as Some };
    if ('not' in criteria) return { not: mapCriteria(criteria.not, fn) };
  }
  return fn(criteria as A);
}
