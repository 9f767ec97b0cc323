import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { Goal, normalizeEntityRef } from '@paved/plugin-environments-common';
import { useEnvironmentsPageLink } from '../../hooks/useEnvironmentsPageLink';
import { describeTarget, formatGoalValue } from '../../lib/formatGoal';
import { GoalStatusChip } from '../GoalStatusChip';
import { GoalTrend, exampleDays } from '../GoalTrend';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', padding: 0, margin: 0 },
  goal: {
    display: 'grid',
    gridTemplateColumns: '1fr auto auto',
    alignItems: 'center',
    columnGap: theme.spacing(2),
    padding: theme.spacing(1, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
}));

/**
 * The goals a team owns or is the scope of, each with its value against its target, a
 * sparkline of its last 90 days and where it stands; its title opens it on the Goals page.
 */
export const TeamGoals = (props: { owner: string; goals: Goal[] }) => {
  const { owner, goals } = props;
  const classes = useStyles();
  const page = useEnvironmentsPageLink();

  if (goals.length === 0) {
    return (
      <Typography variant="body2">
        No goal is owned by this team or set for its environments.{' '}
        <Link to={page.goal()}>All goals</Link>
      </Typography>
    );
  }
  return (
    <ul className={classes.list} aria-label="Goals">
      {goals.map(goal => (
        <li key={goal.id} className={classes.goal} aria-label={goal.title}>
          <Box>
            <Typography variant="body2">
              <Link to={page.goal(goal.id)}>{goal.title}</Link>
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {formatGoalValue(goal.value, goal)}, target {describeTarget(goal)}
              {normalizeEntityRef(goal.owner) === owner
                ? ''
                : ' · set for the team by another group'}
              {exampleDays(goal) > 0 ? ' · trend partly example data' : ''}
            </Typography>
          </Box>
          <GoalTrend goal={goal} variant="sparkline" />
          <GoalStatusChip status={goal.status} />
        </li>
      ))}
    </ul>
  );
};
