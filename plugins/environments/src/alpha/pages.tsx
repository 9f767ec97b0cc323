import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { RiStackLine } from '@remixicon/react';
import { rootRouteRef } from '../routes';

/**
 * `page:environments` at /environments. Its title and icon make its sidebar entry:
 * the new frontend system derives nav items from pages.
 */
export const environmentsPage = PageBlueprint.make({
  params: {
    path: '/environments',
    title: 'Environments',
    icon: <RiStackLine />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/EnvironmentsPage').then(m => (
        <m.EnvironmentsTabs />
      )),
  },
});
