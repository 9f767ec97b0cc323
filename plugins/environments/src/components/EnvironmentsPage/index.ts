export { EnvironmentsPage } from './EnvironmentsPage';
export { LegacyEnvironmentsPage } from './LegacyEnvironmentsPage';
