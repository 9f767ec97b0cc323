import { usePermission } from '@backstage/plugin-permission-react';
import {
  environmentDeletePermission,
  environmentUpdatePermission,
  resourceSecretReadPermission,
} from '@paved/plugin-environments-common';

/** What the signed-in user may do to one environment. @public */
export interface EnvironmentPermissions {
  /** Extend it, retry it, add resources. */
  canUpdate: boolean;
  canDelete: boolean;
  /** Reveal its resources' connection strings. */
  canReveal: boolean;
  /** Still asking; show neither the actions nor why they are missing yet. */
  loading: boolean;
}

/**
 * Asks the permission framework about this environment (the policy's owner and tier
 * rules are conditions on it), so the card offers only what would succeed. The
 * permission client batches the questions of every card on a page.
 */
export function useEnvironmentPermissions(
  environmentId: string,
): EnvironmentPermissions {
  const update = usePermission({
    permission: environmentUpdatePermission,
    resourceRef: environmentId,
  });
  const remove = usePermission({
    permission: environmentDeletePermission,
    resourceRef: environmentId,
  });
  const reveal = usePermission({
    permission: resourceSecretReadPermission,
    resourceRef: environmentId,
  });
  return {
    canUpdate: update.allowed,
    canDelete: remove.allowed,
    canReveal: reveal.allowed,
    loading: update.loading || remove.loading || reveal.loading,
  };
}
