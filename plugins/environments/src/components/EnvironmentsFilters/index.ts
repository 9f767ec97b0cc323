export { EnvironmentsFilters } from './EnvironmentsFilters';
