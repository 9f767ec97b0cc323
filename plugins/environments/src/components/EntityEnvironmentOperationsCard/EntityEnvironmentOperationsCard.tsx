import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { PAVED_ENVIRONMENT_ID_ANNOTATION } from '@paved/plugin-environments-common';
import { useOperations } from '../../hooks/useOperations';
import { OperationsTable } from './OperationsTable';
import { LoadError } from '../LoadError';

/**
 * The operations history of a provisioned environment's entity page: every create,
 * update, extend and destroy, newest first. Renders nothing for a declared environment,
 * which has no history in Paved.
 * @public
 */
export const EntityEnvironmentOperationsCard = (props: {
  refreshIntervalMs?: number;
}) => {
  const { entity } = useEntity();
  const id = entity.metadata.annotations?.[PAVED_ENVIRONMENT_ID_ANNOTATION];
  const { operations, loading, error, retry } = useOperations(id, props);
  if (!id) {
    return null;
  }

  let body;
  if (loading) {
    body = <LinearProgress aria-label="Loading the operations" />;
  } else if (!operations) {
    body = (
      <LoadError
        title="Could not load the operations"
        error={error}
        onRetry={retry}
      />
    );
  } else if (operations.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Nothing has been done to this environment yet.
      </Typography>
    );
  } else {
    body = (
      <OperationsTable
        environmentName={entity.metadata.title ?? entity.metadata.name}
        operations={operations}
      />
    );
  }
  return (
    <InfoCard title="Operations" noPadding={!!operations?.length}>
      {body}
    </InfoCard>
  );
};
