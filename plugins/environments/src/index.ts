/**
 * Environment cards, the environments page and the EnvironmentPicker and
 * EnvironmentChangesPreview scaffolder fields.
 * This entry point serves apps on the legacy frontend system; `./alpha` serves the
 * new one.
 *
 * @packageDocumentation
 */
export {
  environmentsPlugin,
  EntityEnvironmentsCard,
  EntityEnvironmentOverviewCard,
  EntityEnvironmentOperationsCard,
  EntityEnvironmentFindingsCard,
  EntityTeamEnvironmentsCard,
  EnvironmentsPage,
  EnvironmentPickerFieldExtension,
  EnvironmentChangesPreviewFieldExtension,
} from './plugin';
export { environmentsApiRef } from './api';
export type { EnvironmentsApi } from './api';
export {
  EnvironmentPicker,
  EnvironmentPickerFieldSchema,
} from './components/EnvironmentPicker';
export type { EnvironmentPickerProps } from './components/EnvironmentPicker';
export {
  EnvironmentChangesPreview,
  EnvironmentChangesPreviewFieldSchema,
} from './components/EnvironmentChangesPreview';
export type { EnvironmentChangesPreviewProps } from './components/EnvironmentChangesPreview';
export type { EntityEnvironmentsCardProps } from './components/EntityEnvironmentsCard';
export type { EntityEnvironmentOverviewCardProps } from './components/EntityEnvironmentOverviewCard';
export {
  rootRouteRef,
  createFromTemplateRouteRef,
  scaffolderTaskRouteRef,
  viewTechDocRouteRef,
} from './routes';
