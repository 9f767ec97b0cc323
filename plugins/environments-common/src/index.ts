/**
 * Types, request schemas, permissions and the REST client shared by the Paved
 * environments plugins.
 *
 * @packageDocumentation
 */
export * from './api';
export * from './types';
export * from './duration';
export * from './permissions';
export * from './client';
export * from './catalog';
export * from './events';
export * from './goalMetrics';
export * from './goalHistoryFileName';
export * from './formatGoalValue';
export * from './changedFiles';
