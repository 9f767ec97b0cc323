/**
 * The Paved environments service.
 *
 * @packageDocumentation
 */
export { environmentsPlugin as default } from './plugin';
export {
  environmentConditions,
  createEnvironmentConditionalDecision,
  environmentPermissionResourceRef,
} from './permissions/rules';
export type {
  EnvironmentFilter,
  EnvironmentPermissionResource,
} from './permissions/rules';
