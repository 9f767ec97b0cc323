/**
 * Types, request schemas, permissions and the REST client shared by the Paved
 * environments plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './duration';
export * from './schemas';
export * from './permissions';
export * from './client/EnvironmentsClient';
export * from './catalog';
export * from './events';
