export { EntityEnvironmentOperationsCard } from './EntityEnvironmentOperationsCard';
