export { EnvironmentStatus } from './EnvironmentStatus';
export { StatusIcon } from './StatusIcon';
export { StatusReason, statusReason } from './StatusReason';
