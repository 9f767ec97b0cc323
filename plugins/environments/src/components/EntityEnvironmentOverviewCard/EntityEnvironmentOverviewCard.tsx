import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  PAVED_ENVIRONMENT_ID_ANNOTATION,
  isEnvironmentEntity,
} from '@paved/plugin-environments-common';
import { useEnvironment } from '../../hooks/useEnvironment';
import { DeclaredEnvironmentOverview } from './DeclaredEnvironmentOverview';
import { ProvisionedEnvironmentOverview } from './ProvisionedEnvironmentOverview';
import { LoadError } from '../LoadError';

/** @public */
export interface EntityEnvironmentOverviewCardProps {
  /** How often to reload while something is in flight; 2.5 s by default. */
  refreshIntervalMs?: number;
}

/**
 * The overview of an `Environment` entity's page. For an environment Paved provisioned,
 * its live state from the environments service (the catalog's copy may be a few seconds
 * old); for one declared by hand, what its author wrote.
 * @public
 */
export const EntityEnvironmentOverviewCard = (
  props: EntityEnvironmentOverviewCardProps,
) => {
  const { entity } = useEntity();
  const id = entity.metadata.annotations?.[PAVED_ENVIRONMENT_ID_ANNOTATION];
  const state = useEnvironment(id, props);

  let body;
  if (!id) {
    body = isEnvironmentEntity(entity) ? (
      <DeclaredEnvironmentOverview entity={entity} />
    ) : (
      <Typography variant="body2">
        This entity is not an environment of Paved's Environment kind.
      </Typography>
    );
  } else if (state.loading) {
    body = <LinearProgress aria-label="Loading the environment" />;
  } else if (state.notFound) {
    body = (
      <Alert severity="info">
        The environments service no longer has this environment: it was
        destroyed. The catalog removes its entry at its next update.
      </Alert>
    );
  } else if (!state.environment) {
    body = (
      <LoadError
        title="Could not load the environment"
        error={state.error}
        onRetry={state.retry}
      />
    );
  } else {
    body = (
      <>
        {state.error && (
          <Box mb={2}>
            <Alert severity="warning">
              Could not refresh ({state.error.message}); showing the last known
              state.
            </Alert>
          </Box>
        )}
        <ProvisionedEnvironmentOverview
          environment={state.environment}
          onChanged={state.refresh}
        />
      </>
    );
  }

  return <InfoCard title="Environment">{body}</InfoCard>;
};
