import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useSearchParams } from 'react-router-dom';
import { useEnvironments } from '../../hooks/useEnvironments';
import { useNow } from '../../hooks/useNow';
import {
  EnvironmentFilters,
  filterEnvironments,
} from '../../lib/filterEnvironments';
import { filtersFromSearch } from '../../lib/filtersFromSearch';
import { EnvironmentsFilters } from '../EnvironmentsFilters';
import { EnvironmentsTable } from '../EnvironmentsTable';
import { LoadError } from '../LoadError';

/** The server's largest page: the whole portal's environments in one request. */
const PAGE_LIMIT = 500;

/**
 * Every environment the user may read, filtered and searched in the browser: one
 * request, then live while something is in flight, like the cards. A link can start
 * it filtered (`?owner=…&tier=…&findings=open`), as a team's card does.
 * @public
 */
export const EnvironmentsPage = () => {
  const { environments, totalItems, loading, error, retry } = useEnvironments({
    limit: PAGE_LIMIT,
  });
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<EnvironmentFilters>(() =>
    filtersFromSearch(searchParams),
  );
  const now = useNow();
  const shown = useMemo(
    () => filterEnvironments(environments ?? [], filters, now),
    [environments, filters, now],
  );

  if (!loading && !environments) {
    return (
      <Box p={3}>
        <LoadError
          title="Could not load the environments"
          error={error}
          onRetry={retry}
        />
      </Box>
    );
  }

  return (
    <Box p={3}>
      <EnvironmentsFilters
        environments={environments ?? []}
        value={filters}
        onChange={setFilters}
      />
      <EnvironmentsTable environments={shown} loading={loading} />
      {totalItems !== undefined &&
        environments &&
        totalItems > environments.length && (
          <Box mt={1}>
            <Typography variant="body2" color="textSecondary">
              Showing the first {environments.length} of {totalItems}.
            </Typography>
          </Box>
        )}
    </Box>
  );
};
