export { GoalDownloads } from './GoalDownloads';
