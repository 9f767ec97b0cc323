export { EnvironmentFacts } from './EnvironmentFacts';
