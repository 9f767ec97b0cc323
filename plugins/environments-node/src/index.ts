/**
 * The extension point and interfaces for Paved environments resource providers.
 *
 * @packageDocumentation
 */
export * from './ResourceProvider';
export * from './baselineRules';
export * from './extensions';
export * from './environmentsServiceRef';
