export { EnvironmentRow } from './EnvironmentRow';
export { EnvironmentRowList } from './EnvironmentRowList';
