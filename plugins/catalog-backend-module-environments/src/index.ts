/**
 * Paved environments in the software catalog: the `Environment` kind (`paved.dev/v1alpha1`)
 * and an entity provider that publishes provisioned environments and their resources.
 *
 * @packageDocumentation
 */
export { catalogModuleEnvironments as default } from './module';
