export { DeclaredEnvironmentCard } from './DeclaredEnvironmentCard';
