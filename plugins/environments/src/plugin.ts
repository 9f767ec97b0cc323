import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { EnvironmentsClient } from '@paved/plugin-environments-common';
import { environmentsApiRef } from './api';
import {
  EnvironmentPicker,
  EnvironmentPickerFieldSchema,
} from './components/EnvironmentPicker';
import {
  EnvironmentChangesPreview,
  EnvironmentChangesPreviewFieldSchema,
} from './components/EnvironmentChangesPreview';
import {
  createFromTemplateRouteRef,
  rootRouteRef,
  scaffolderTaskRouteRef,
  viewTechDocRouteRef,
} from './routes';

/**
 * The environments plugin for apps on the legacy frontend system. Bind its external
 * routes (`createFromTemplate`, `scaffolderTask`, `viewTechDoc`) to the scaffolder and
 * TechDocs; unbound, the links use their default paths.
 * @public
 */
export const environmentsPlugin = createPlugin({
  id: 'environments',
  apis: [
    createApiFactory({
      api: environmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnvironmentsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
  externalRoutes: {
    createFromTemplate: createFromTemplateRouteRef,
    scaffolderTask: scaffolderTaskRouteRef,
    viewTechDoc: viewTechDocRouteRef,
  },
});

/**
 * Every environment in a filterable table, with the Requests (`/requests`) and Goals
 * (`/goals`) tabs.
 * @public
 */
export const EnvironmentsPage = environmentsPlugin.provide(
  createRoutableExtension({
    name: 'EnvironmentsPage',
    component: () =>
      import('./components/EnvironmentsPage').then(
        m => m.LegacyEnvironmentsPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The environments of the entity page's component or system. @public */
export const EntityEnvironmentsCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentsCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentsCard').then(
          m => m.EntityEnvironmentsCard,
        ),
    },
  }),
);

/**
 * The EnvironmentPicker scaffolder field, for `<ScaffolderFieldExtensions>`.
 * @public
 */
export const EnvironmentPickerFieldExtension = environmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'EnvironmentPicker',
    component: EnvironmentPicker,
    schema: EnvironmentPickerFieldSchema.schema,
  }),
);

/**
 * The EnvironmentChangesPreview scaffolder field, for `<ScaffolderFieldExtensions>`: what
 * the template's request would commit (files and diff), or why it would be refused.
 * @public
 */
export const EnvironmentChangesPreviewFieldExtension =
  environmentsPlugin.provide(
    createScaffolderFieldExtension({
      name: 'EnvironmentChangesPreview',
      component: EnvironmentChangesPreview,
      schema: EnvironmentChangesPreviewFieldSchema.schema,
    }),
  );

/**
 * The overview of an Environment entity's page: its live status, facts, resources and
 * actions, or what a hand-declared one's author wrote. Use it under an
 * `<EntitySwitch.Case if={isKind('environment')}>`.
 * @public
 */
export const EntityEnvironmentOverviewCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentOverviewCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentOverviewCard').then(
          m => m.EntityEnvironmentOverviewCard,
        ),
    },
  }),
);

/** An Environment entity's operations history; nothing for a declared one. @public */
export const EntityEnvironmentOperationsCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentOperationsCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentOperationsCard').then(
          m => m.EntityEnvironmentOperationsCard,
        ),
    },
  }),
);

/** An Environment entity's baseline findings; nothing for a declared one. @public */
export const EntityEnvironmentFindingsCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentFindingsCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentFindingsCard').then(
          m => m.EntityEnvironmentFindingsCard,
        ),
    },
  }),
);

/**
 * On a group's page: the team's environments by tier, open findings, cost against its
 * budget, and the goals it owns or is the scope of with their trend. Use it under an
 * `<EntitySwitch.Case if={isKind('group')}>`.
 * @public
 */
export const EntityTeamEnvironmentsCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamEnvironmentsCard',
    component: {
      lazy: () =>
        import('./components/EntityTeamEnvironmentsCard').then(
          m => m.EntityTeamEnvironmentsCard,
        ),
    },
  }),
);
