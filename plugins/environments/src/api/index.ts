export { environmentsApiRef } from './EnvironmentsApi';
export type { EnvironmentsApi } from './EnvironmentsApi';
