import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { Goal } from '@paved/plugin-environments-common';
import { statisticTitle } from '../../lib/formatGoal';
import { GoalStatusChip } from '../GoalStatusChip';
import { GoalDownloads } from '../GoalDownloads';
import { ExampleHistoryNote, GoalTrend } from '../GoalTrend';
import { GoalFacts } from './GoalFacts';

/** What the goal's number is, and over which days when the metric is windowed. */
export function describeMeasure(goal: Goal): string {
  const title = statisticTitle(goal);
  return goal.windowDays ? `${title}, last ${goal.windowDays} days` : title;
}

/** One goal of the list: where it stands and its last 90 days; its title opens it. */
export const GoalSummary = (props: { goal: Goal }) => {
  const { goal } = props;
  return (
    <Paper variant="outlined" role="article" aria-label={goal.title}>
      <Box p={2} display="flex" flexDirection="column" style={{ gap: 12 }}>
        <Box display="flex" alignItems="flex-start" style={{ gap: 12 }}>
          <Box flex={1}>
            <Typography variant="h6" component="h2">
              <Link to={`?goal=${encodeURIComponent(goal.id)}`}>
                {goal.title}
              </Link>
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {describeMeasure(goal)}
            </Typography>
          </Box>
          <GoalStatusChip status={goal.status} />
        </Box>
        <GoalFacts goal={goal} />
        <Box>
          <GoalTrend goal={goal} />
          <ExampleHistoryNote goal={goal} />
        </Box>
        <GoalDownloads goal={goal} />
      </Box>
    </Paper>
  );
};
