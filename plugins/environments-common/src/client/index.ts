export * from './EnvironmentsApi';
export * from './EnvironmentsClient';
