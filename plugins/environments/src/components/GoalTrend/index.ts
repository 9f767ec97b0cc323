export { GoalTrend } from './GoalTrend';
