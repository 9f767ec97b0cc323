export { EntityTeamEnvironmentsCard } from './EntityTeamEnvironmentsCard';
