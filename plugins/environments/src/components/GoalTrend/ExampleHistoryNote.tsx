import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { Goal } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { guidelinePages } from '../../lib/guidelines';
import { exampleDays } from './GoalTrend';

/**
 * Says which part of the chart is made up: a demonstration portal starts its goals with
 * example history, which a reader must not take for measured days.
 */
export const ExampleHistoryNote = (props: { goal: Goal }) => {
  const links = useEnvironmentLinks();
  const days = exampleDays(props.goal);
  if (days === 0) return null;
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      Dashed, paler line: {days} {days === 1 ? 'day' : 'days'} of example
      history, made up for this demonstration portal, not measured.{' '}
      <Link to={links.guideline(guidelinePages.goalExampleHistory)}>
        About example history
      </Link>
    </Typography>
  );
};
