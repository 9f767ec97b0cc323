export { GoalsPage } from './GoalsPage';
