import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link, Progress } from '@backstage/core-components';
import { useLocation } from 'react-router-dom';
import { GoalDetail } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useGoal } from '../../hooks/useGoals';
import { formatStatistic, statisticTitle } from '../../lib/formatGoal';
import { guidelinePages } from '../../lib/guidelines';
import { GoalStatusChip } from '../GoalStatusChip';
import { GoalDownloads } from '../GoalDownloads';
import { ExampleHistoryNote, GoalTrend } from '../GoalTrend';
import { LoadError } from '../LoadError';
import { BreakdownTable } from './BreakdownTable';
import { GoalFacts } from './GoalFacts';
import { describeMeasure } from './GoalSummary';
import { HoldingBackTable } from './HoldingBackTable';

/** Every number the goal's metric yields now, the target's one first. */
const Statistics = (props: { goal: GoalDetail }) => {
  const { goal } = props;
  const entries = Object.entries(goal.statistics).sort(
    ([a], [b]) => Number(b === goal.statistic) - Number(a === goal.statistic),
  );
  return (
    <Box component="ul" m={0} pl={2}>
      {entries.map(([name, value]) => (
        <Typography component="li" variant="body2" key={name}>
          {statisticTitle(goal, name)}: {formatStatistic(goal, name, value)}
        </Typography>
      ))}
    </Box>
  );
};

const Detail = (props: { goal: GoalDetail }) => {
  const { goal } = props;
  const links = useEnvironmentLinks();
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 24 }}>
      <Box>
        <Box display="flex" alignItems="center" style={{ gap: 12 }}>
          <Typography variant="h5" component="h2">
            {goal.title}
          </Typography>
          <GoalStatusChip status={goal.status} />
        </Box>
        {goal.description && (
          <Typography variant="body1">{goal.description}</Typography>
        )}
        <Typography variant="body2" color="textSecondary">
          {describeMeasure(goal)}.{' '}
          <Link to={links.guideline(guidelinePages.goalMetric(goal.metric))}>
            How it is measured
          </Link>
          {' · '}
          <Link to={links.guideline(guidelinePages.goalStatus)}>
            Where a goal stands
          </Link>
        </Typography>
      </Box>
      <GoalFacts goal={goal} />
      <Box>
        <GoalTrend goal={goal} variant="large" />
        <ExampleHistoryNote goal={goal} />
        <GoalDownloads goal={goal} />
      </Box>
      <Box>
        <Typography variant="h6" component="h3">
          The metric now
        </Typography>
        <Statistics goal={goal} />
      </Box>
      <Box
        display="grid"
        gridGap={16}
        style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))' }}
      >
        <BreakdownTable
          goal={goal}
          title="Per team"
          rows={goal.breakdown.byOwner}
          keyIsGroup
        />
        <BreakdownTable
          goal={goal}
          title="Per class"
          rows={goal.breakdown.byClass}
        />
      </Box>
      <HoldingBackTable goal={goal} holders={goal.holdingBack} />
    </Box>
  );
};

/** One goal, opened from the list or by a link with `?goal=<id>` (notifications send one). */
export const GoalDetailView = (props: { id: string }) => {
  const { id } = props;
  const { pathname } = useLocation();
  const goal = useGoal(id);
  let body;
  if (goal.loading) body = <Progress aria-label="Loading the goal" />;
  else if (!goal.value)
    body = (
      <LoadError
        title={`Could not load the goal ${id}`}
        error={goal.error}
        onRetry={goal.retry}
      />
    );
  else body = <Detail goal={goal.value} />;
  return (
    <>
      <Box mb={2}>
        <Link to={pathname}>All goals</Link>
      </Box>
      {body}
    </>
  );
};
