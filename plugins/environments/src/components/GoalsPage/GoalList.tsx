import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link, Progress } from '@backstage/core-components';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useGoals } from '../../hooks/useGoals';
import { guidelinePages } from '../../lib/guidelines';
import { LoadError } from '../LoadError';
import { GoalSummary } from './GoalSummary';

/** Every configured goal, in config order, two to a row where there is room. */
export const GoalList = () => {
  const goals = useGoals();
  const links = useEnvironmentLinks();

  if (goals.loading) return <Progress aria-label="Loading goals" />;
  if (!goals.value) {
    return (
      <LoadError
        title="Could not load the goals"
        error={goals.error}
        onRetry={goals.retry}
      />
    );
  }
  if (goals.value.length === 0) {
    return (
      <Typography>
        No goals yet. The platform team sets them in the portal's configuration
        (<code>environments.goals</code>):{' '}
        <Link to={links.guideline(guidelinePages.goal)}>how to set a goal</Link>
        .
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" paragraph>
        The goals the platform and product teams work toward, measured each day
        from the portal's own records. A goal is on track when the trend of its
        last 30 days meets its target by its due date.{' '}
        <Link to={links.guideline(guidelinePages.goalStatus)}>
          Where a goal stands
        </Link>
      </Typography>
      <Box
        display="grid"
        gridGap={16}
        style={{
          gridTemplateColumns: 'repeat(auto-fill, minmax(520px, 1fr))',
        }}
      >
        {goals.value.map(goal => (
          <GoalSummary key={goal.id} goal={goal} />
        ))}
      </Box>
    </>
  );
};
