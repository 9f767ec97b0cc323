import { useEffect, useMemo, useRef } from 'react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EnvironmentEntityV1alpha1,
  RELATION_ENVIRONMENT_OF,
  normalizeEntityRef,
} from '@paved/plugin-environments-common';
import { useDeclaredEnvironments } from '../../hooks/useDeclaredEnvironments';
import { useEntityRequests } from '../../hooks/useEntityRequests';
import { useEnvironments } from '../../hooks/useEnvironments';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { environmentEntityRefs } from '../../lib/environmentEntityRefs';
import { DeclaredEnvironmentCard } from '../DeclaredEnvironmentCard';
import { EnvironmentCard } from '../EnvironmentCard';
import { EnvironmentRowList } from '../EnvironmentRow';
import {
  CreateEphemeralEnvironmentButton,
  EnvironmentsEmptyState,
} from '../EnvironmentsEmptyState';
import { LoadError } from '../LoadError';
import { RefusedRequests } from '../RequestNotice';

/** More than any entity page should show; the environments page lists the rest. */
const CARD_LIMIT = 100;

/** The component or system a declared environment belongs to, as the catalog resolved it. */
function environmentOf(environment: EnvironmentEntityV1alpha1): string {
  const relation = environment.relations?.find(
    r => r.type === RELATION_ENVIRONMENT_OF,
  );
  return normalizeEntityRef(
    relation?.targetRef ?? environment.spec.environmentOf,
  );
}

/** @public */
export interface EntityEnvironmentsCardProps {
  /**
   * How often to reload while something is in flight: 2.5 s by default, and 30 s for
   * requests that wait for an approver (which take minutes or hours) unless set.
   */
  refreshIntervalMs?: number;
}

/**
 * The environments of the page's component, or of a system and its components: one
 * line per environment, production first, that opens for the details, from one
 * request; live while something is provisioning or being destroyed. Environments teams
 * declared by hand in the catalog follow, marked "declared".
 * @public
 */
export const EntityEnvironmentsCard = (props: EntityEnvironmentsCardProps) => {
  const { entity } = useEntity();
  const refs = useMemo(() => environmentEntityRefs(entity), [entity]);
  const self = normalizeEntityRef(stringifyEntityRef(entity));
  const { environments, totalItems, loading, error, retry, refresh } =
    useEnvironments(
      { entityRef: refs.length === 1 ? refs[0] : refs, limit: CARD_LIMIT },
      { refreshIntervalMs: props.refreshIntervalMs },
    );
  const declared = useDeclaredEnvironments(entity, refs, environments);
  const requests = useEntityRequests(refs.length === 1 ? refs[0] : refs, {
    refreshIntervalMs: props.refreshIntervalMs,
  });
  const signedInUser = useSignedInUser();
  // A decision changes the environment (approved: it provisions; rejected: it is gone),
  // which nothing else would make the card load again for.
  const decisions = requests.requests?.map(r => `${r.id}:${r.state}`).join();
  const seenDecisions = useRef<string>();
  useEffect(() => {
    if (decisions === undefined) return;
    if (
      seenDecisions.current !== undefined &&
      seenDecisions.current !== decisions
    )
      refresh();
    seenDecisions.current = decisions;
  }, [decisions, refresh]);
  const pendingOf = (environmentId: string) =>
    requests.requests?.find(
      r => r.environmentId === environmentId && r.state === 'pending',
    );
  const nothingYet =
    environments?.length === 0 && declared.environments?.length === 0;

  let body;
  if (loading || (environments?.length === 0 && declared.loading)) {
    body = <LinearProgress aria-label="Loading environments" />;
  } else if (!environments) {
    body = (
      <LoadError
        title="Could not load the environments"
        error={error}
        onRetry={retry}
      />
    );
  } else if (nothingYet) {
    body = (
      <>
        <EnvironmentsEmptyState entity={entity} />
        {requests.requests && <RefusedRequests requests={requests.requests} />}
      </>
    );
  } else {
    body = (
      <>
        {error && (
          <Box mb={2}>
            <Alert severity="warning">
              Could not refresh ({error.message}); showing the last known state.
            </Alert>
          </Box>
        )}
        {declared.error && (
          <Box mb={2}>
            <Alert severity="warning">
              Could not load the environments declared in the catalog (
              {declared.error.message}).
            </Alert>
          </Box>
        )}
        <EnvironmentRowList>
          {environments.map(environment => (
            <EnvironmentCard
              key={environment.id}
              environment={environment}
              showEntity={normalizeEntityRef(environment.entityRef) !== self}
              // Alone, it has the room to show everything at once.
              defaultExpanded={environments.length === 1}
              pendingRequest={pendingOf(environment.id)}
              signedInUser={signedInUser}
              onChanged={() => {
                refresh();
                requests.refresh();
              }}
            />
          ))}
          {declared.environments?.map(environment => (
            <DeclaredEnvironmentCard
              key={environment.metadata.uid ?? environment.metadata.name}
              environment={environment}
              showEntity={environmentOf(environment) !== self}
            />
          ))}
        </EnvironmentRowList>
        {requests.requests && <RefusedRequests requests={requests.requests} />}
        {environments.length === 0 && (
          // Only declared ones: still offer what Paved can provision.
          <Box mt={2}>
            <Typography variant="body2" paragraph>
              Paved provisions none of these. A preview environment is the
              quickest way to try a change.
            </Typography>
            <CreateEphemeralEnvironmentButton
              entity={entity}
              variant="outlined"
            />
          </Box>
        )}
        {totalItems !== undefined && totalItems > environments.length && (
          <Box mt={2}>
            <Typography variant="body2" color="textSecondary">
              Showing {environments.length} of {totalItems}; the Environments
              page lists them all.
            </Typography>
          </Box>
        )}
      </>
    );
  }

  return <InfoCard title="Environments">{body}</InfoCard>;
};
