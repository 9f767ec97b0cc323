import { useCallback } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

/** Where the Environments page is when the app does not say (its default path). */
const DEFAULT_ROOT = '/environments';

function useRootPath(): string {
  try {
    return useRouteRef(rootRouteRef)();
  } catch {
    // A legacy app that did not mount the page still gets a link that works by default.
    return DEFAULT_ROOT;
  }
}

/**
 * Links into the Environments page from elsewhere (a team's card): its list filtered
 * by `owner`, `tier` or `findings=open`, and its Goals tab with one goal open.
 */
export function useEnvironmentsPageLink() {
  const root = useRootPath().replace(/\/$/, '');
  const environments = useCallback(
    (filters: Record<string, string | undefined> = {}) => {
      const query = new URLSearchParams(
        Object.entries(filters).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ).toString();
      return query ? `${root}?${query}` : root;
    },
    [root],
  );
  const goal = useCallback(
    (id?: string) =>
      id ? `${root}/goals?goal=${encodeURIComponent(id)}` : `${root}/goals`,
    [root],
  );
  return { environments, goal };
}
