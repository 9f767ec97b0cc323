import Box from '@material-ui/core/Box';
import { useSearchParams } from 'react-router-dom';
import { GoalDetailView } from './GoalDetailView';
import { GoalList } from './GoalList';

/**
 * The Goals tab (`/environments/goals`): every goal with where it stands and its last 90
 * days; `?goal=<id>` opens one, with its breakdown and what holds it back. The id lives
 * in the URL so the notifications, and a colleague, can link to it.
 * @public
 */
export const GoalsPage = () => {
  const [searchParams] = useSearchParams();
  const id = searchParams.get('goal');
  return <Box p={3}>{id ? <GoalDetailView id={id} /> : <GoalList />}</Box>;
};
