import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { environmentsApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { FakeEnvironmentsApi } from './fakeEnvironmentsApi';

/**
 * Renders a component of this plugin in a legacy test app with the fake API, a
 * permission API (everything allowed unless told otherwise), an in-memory catalog
 * holding `catalogEntities` and, when given, an entity page's entity. The environments
 * page is mounted at `/environments`; `path` is the URL the test starts at.
 */
export function renderWithEnvironments(
  element: ReactElement,
  options: {
    api: FakeEnvironmentsApi;
    entity?: Entity;
    allow?: boolean | ((permissionName: string) => boolean);
    catalogApi?: ReturnType<typeof catalogApiMock>;
    path?: string;
  },
) {
  const { api, entity, allow = true } = options;
  const catalogApi = options.catalogApi ?? catalogApiMock();
  const decide = typeof allow === 'function' ? allow : () => allow;
  const permissionApi = mockApis.permission({
    authorize: request =>
      decide(request.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [environmentsApiRef, api],
        [permissionApiRef, permissionApi],
        [catalogApiRef, catalogApi],
      ]}
    >
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      routeEntries: options.path ? [options.path] : undefined,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/environments': rootRouteRef,
      },
    },
  );
}
