export { EnvironmentStatus } from './EnvironmentStatus';
export { StatusIcon } from './StatusIcon';
