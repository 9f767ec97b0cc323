/**
 * Scaffolder actions that create, extend and destroy Paved environments and provision
 * their resources, acting as the user who runs the template.
 *
 * @packageDocumentation
 */
export { scaffolderModuleEnvironments as default } from './module';
