export { EnvironmentsEmptyState } from './EnvironmentsEmptyState';
