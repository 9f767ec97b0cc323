export { GoalStatusChip } from './GoalStatusChip';
