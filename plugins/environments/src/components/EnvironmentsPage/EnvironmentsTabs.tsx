import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { RequestsPage } from '../RequestsPage';
import { EnvironmentsPage } from './EnvironmentsPage';

/**
 * The Environments page's two tabs: the environments, and the requests that need
 * approval (`/environments/requests`).
 * @public
 */
export const EnvironmentsTabs = () => {
  const { pathname } = useLocation();
  const requests = /\/requests\/?$/.test(pathname);
  return (
    <>
      <Box px={3} pt={1}>
        <Tabs value={requests ? 1 : 0} indicatorColor="primary">
          <Tab label="Environments" component={Link} to="." />
          <Tab label="Requests" component={Link} to="requests" />
        </Tabs>
      </Box>
      <Routes>
        <Route path="/" element={<EnvironmentsPage />} />
        <Route path="/requests" element={<RequestsPage />} />
      </Routes>
    </>
  );
};
