import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { RiStackLine } from '@remixicon/react';
import {
  createFromTemplateRouteRef,
  rootRouteRef,
  scaffolderTaskRouteRef,
  viewTechDocRouteRef,
} from '../routes';
import { environmentsApi } from './apis';
import {
  environmentFindingsEntityCard,
  environmentOperationsEntityCard,
  environmentOverviewEntityCard,
  environmentsEntityCard,
  teamEnvironmentsEntityCard,
} from './entityCards';
import {
  environmentChangesPreviewFormField,
  environmentPickerFormField,
} from './formFields';
import { environmentsPage } from './pages';

/**
 * The environments plugin for the new frontend system: the API, the entity cards
 * (environments of components and systems; overview, findings and operations of
 * Environment entities; a team's environments and goals on a group), the page with its
 * Requests and Goals tabs (and with it the sidebar entry) and the EnvironmentPicker and
 * EnvironmentChangesPreview form fields. Its
 * external routes default to the scaffolder and TechDocs.
 * @alpha
 */
export const environmentsPlugin = createFrontendPlugin({
  pluginId: 'environments',
  title: 'Environments',
  icon: <RiStackLine />,
  info: { packageJson: () => import('../../package.json') },
  routes: { root: rootRouteRef },
  externalRoutes: {
    createFromTemplate: createFromTemplateRouteRef,
    scaffolderTask: scaffolderTaskRouteRef,
    viewTechDoc: viewTechDocRouteRef,
  },
  extensions: [
    environmentsApi,
    environmentsEntityCard,
    environmentOverviewEntityCard,
    environmentFindingsEntityCard,
    environmentOperationsEntityCard,
    teamEnvironmentsEntityCard,
    environmentsPage,
    environmentPickerFormField,
    environmentChangesPreviewFormField,
  ],
});
