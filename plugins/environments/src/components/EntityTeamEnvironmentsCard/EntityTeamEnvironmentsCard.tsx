import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { normalizeEntityRef } from '@paved/plugin-environments-common';
import { useEnvironments } from '../../hooks/useEnvironments';
import { useGoals } from '../../hooks/useGoals';
import { LoadError } from '../LoadError';
import { TeamEnvironmentCounts } from './TeamEnvironmentCounts';
import { TeamGoals } from './TeamGoals';

/** The server's largest page: a team's environments fit in one. */
const PAGE_LIMIT = 500;

/**
 * On a group's page: the team's environments by tier, their open findings and cost
 * against its budget, and the goals it owns or is the scope of with their trend. Two
 * requests, each loaded once.
 * @public
 */
export const EntityTeamEnvironmentsCard = () => {
  const { entity } = useEntity();
  const owner = normalizeEntityRef(stringifyEntityRef(entity));
  const environments = useEnvironments(
    { owner, limit: PAGE_LIMIT },
    { live: false },
  );
  const goals = useGoals(owner);

  let body;
  if (environments.loading || goals.loading) {
    body = <LinearProgress aria-label="Loading the team's environments" />;
  } else if (!environments.environments) {
    body = (
      <LoadError
        title="Could not load the team's environments"
        error={environments.error}
        onRetry={environments.retry}
      />
    );
  } else if (!goals.value) {
    body = (
      <LoadError
        title="Could not load the team's goals"
        error={goals.error}
        onRetry={goals.retry}
      />
    );
  } else {
    body = (
      <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
        <TeamEnvironmentCounts
          owner={owner}
          environments={environments.environments}
          budgets={goals.value.filter(g => g.metric === 'cost-against-budget')}
        />
        <Box>
          <Typography variant="subtitle2" component="h3" gutterBottom>
            Goals
          </Typography>
          <TeamGoals owner={owner} goals={goals.value} />
        </Box>
      </Box>
    );
  }
  return <InfoCard title="Environments and goals">{body}</InfoCard>;
};
