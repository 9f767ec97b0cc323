import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { GoalsPage } from '../GoalsPage';
import { RequestsPage } from '../RequestsPage';
import { EnvironmentsPage } from './EnvironmentsPage';

/** The tab a path is on: its last segment, when it names one. */
function tabOf(pathname: string): number {
  if (/\/requests\/?$/.test(pathname)) return 1;
  if (/\/goals\/?$/.test(pathname)) return 2;
  return 0;
}

/**
 * The Environments page's tabs: the environments, the requests that need approval
 * (`/environments/requests`) and the shared goals (`/environments/goals`).
 * @public
 */
export const EnvironmentsTabs = () => {
  const { pathname } = useLocation();
  return (
    <>
      <Box px={3} pt={1}>
        <Tabs value={tabOf(pathname)} indicatorColor="primary">
          <Tab label="Environments" component={Link} to="." />
          <Tab label="Requests" component={Link} to="requests" />
          <Tab label="Goals" component={Link} to="goals" />
        </Tabs>
      </Box>
      <Routes>
        <Route path="/" element={<EnvironmentsPage />} />
        <Route path="/requests" element={<RequestsPage />} />
        <Route path="/goals" element={<GoalsPage />} />
      </Routes>
    </>
  );
};
