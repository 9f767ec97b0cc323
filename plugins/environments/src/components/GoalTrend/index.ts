export { GoalTrend, exampleDays } from './GoalTrend';
export { ExampleHistoryNote } from './ExampleHistoryNote';
