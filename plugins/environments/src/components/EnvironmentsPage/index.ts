export { EnvironmentsPage } from './EnvironmentsPage';
export { LegacyEnvironmentsPage } from './LegacyEnvironmentsPage';
export { EnvironmentsTabs } from './EnvironmentsTabs';
