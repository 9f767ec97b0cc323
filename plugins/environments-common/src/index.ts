/**
 * Types, request schemas and permissions shared by the Paved environments plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './duration';
export * from './schemas';
export * from './permissions';
