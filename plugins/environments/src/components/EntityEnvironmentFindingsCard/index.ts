export { EntityEnvironmentFindingsCard } from './EntityEnvironmentFindingsCard';
