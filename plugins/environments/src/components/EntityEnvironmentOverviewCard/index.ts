export { EntityEnvironmentOverviewCard } from './EntityEnvironmentOverviewCard';
export type { EntityEnvironmentOverviewCardProps } from './EntityEnvironmentOverviewCard';
